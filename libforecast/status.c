/* Status codes, error context and version. */
#include "internal.h"

#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_messages[FC_STATUS_COUNT] = {
    [FC_OK] = "success",
    [FC_EINVAL] = "invalid argument",
    [FC_ENOMEM] = "out of memory",
    [FC_EMISSING] = "missing value where none is allowed",
    [FC_ESHORT] = "series empty or too short",
    [FC_EFREQ] = "unsupported or mismatched frequency",
    [FC_EPARSE] = "unparsable input",
    [FC_EIO] = "input/output error",
    [FC_EDOMAIN] = "value outside the domain of the method",
    [FC_ESINGULAR] = "singular system",
    [FC_ENOCONV] = "did not converge",
    [FC_ENUMERIC] = "numerical failure",
    [FC_ERANGE] = "index or period out of range",
};

const char *fc_strerror(fc_status status)
{
    if ((int)status < 0 || status >= FC_STATUS_COUNT)
        return "unknown status";
    return status_messages[status];
}

void fc_error_clear(fc_error *err)
{
    if (err) {
        err->status = FC_OK;
        err->message[0] = '\0';
    }
}

const char *fc_version(void) { return FC_VERSION_STRING; }

fc_status fc_fail(fc_error *err, fc_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->status = status;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

void fc_gsl_quiet(void) { gsl_set_error_handler_off(); }
