/* Configuration of the vendored libexpat for Taipan (Linux and other Unix,
   C99 headers). Matches CPython 3.11's build of its bundled expat. */
#ifndef EXPAT_CONFIG_H
#define EXPAT_CONFIG_H 1

#include <endian.h>
#if __BYTE_ORDER == __BIG_ENDIAN
#  define BYTEORDER 4321
#  define WORDS_BIGENDIAN 1
#else
#  define BYTEORDER 1234
#endif

#define HAVE_FCNTL_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define STDC_HEADERS 1

/* The hash salt comes from /dev/urandom (present on every Unix we build on). */
#define XML_DEV_URANDOM 1

#define XML_CONTEXT_BYTES 1024
#define XML_DTD 1
#define XML_NS 1

#endif
