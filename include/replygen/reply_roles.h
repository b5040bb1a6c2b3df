/* replygen/reply_roles.h: the roles a reply plays for a command, listed
 * once for the runtime and the generator alike.
 *
 * replygen/reply.h builds enum reply_role from this list, and the
 * generator compiles the same list in (gen/model.c) to give templates
 * their `roles`, from which each generated enum PREFIX_reply_role is
 * written. The runtime's values and every generated one thus come from one
 * place and cannot drift apart; the generated PREFIX_protocol.c checks at
 * compile time that the header it is built against agrees.
 *
 * REPLY_ROLES(X) calls X(NAME, name, value) once per role. The values are
 * part of the ABI: a new role goes at the end, with the next value. */
#ifndef REPLYGEN_REPLY_ROLES_H
#define REPLYGEN_REPLY_ROLES_H

#define REPLY_ROLES(X)                                                             \
    X(UNEXPECTED, unexpected, 0)     /* the spec does not list it */               \
    X(SUCCESS, success, 1)           /* ends the command: it was done */           \
    X(INTERMEDIATE, intermediate, 2) /* asks for the next command of a sequence */ \
    X(ERROR, error, 3)               /* ends the command: it failed */             \
    X(PRELIMINARY, preliminary, 4)   /* comes before the reply that ends it */

#endif
