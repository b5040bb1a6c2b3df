/* version.h: the generator's version, shown by --version and in the model. */
#ifndef REPLYGEN_VERSION_H
#define REPLYGEN_VERSION_H

#define REPLYGEN_VERSION "0.2.0"

#endif
