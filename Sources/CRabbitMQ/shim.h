#ifndef PENSIONPAY_CRABBITMQ_SHIM_H
#define PENSIONPAY_CRABBITMQ_SHIM_H

/* librabbitmq-c 0.12+ installs <rabbitmq-c/...>; Debian 12 ships 0.11 with flat headers. */
#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/framing.h>
#include <rabbitmq-c/tcp_socket.h>
#include <rabbitmq-c/ssl_socket.h>
#else
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
#endif

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/time.h>
#include <unistd.h>

/* amqp_login is C-variadic, which Swift cannot call. */
static inline amqp_rpc_reply_t pp_login_plain(amqp_connection_state_t state, const char *vhost,
                                              int channel_max, int frame_max, int heartbeat,
                                              const char *user, const char *password,
                                              const amqp_table_t *client_properties) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat,
                                      client_properties, AMQP_SASL_METHOD_PLAIN, user, password);
}

/* Field-value unions are awkward from Swift; these accessors keep the Swift side readable. */
static inline amqp_table_entry_t *pp_table_entry(amqp_table_t *table, int index) {
    return &table->entries[index];
}

static inline amqp_field_value_t *pp_array_entry(amqp_array_t *array, int index) {
    return &array->entries[index];
}

#endif
