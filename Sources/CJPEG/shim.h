/* CJPEG: libjpeg(-turbo) behind entry points that report failures instead of exiting.
 *
 * libjpeg reports fatal errors through err->error_exit, whose default prints to stderr and
 * calls exit(). Swift cannot longjmp, so each coatt_jpeg_* entry point below owns a setjmp:
 * all libjpeg state lives on that C frame and is destroyed before the function returns.
 * Nothing here prints; messages are copied into a coatt_jpeg_report for the caller. */
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

typedef enum {
    COATT_JPEG_OK = 0,
    COATT_JPEG_CORRUPT,      /* malformed stream, or entropy data libjpeg would have guessed */
    COATT_JPEG_TRUNCATED,    /* input ended early; libjpeg would have padded the rest */
    COATT_JPEG_UNSUPPORTED,  /* valid JPEG this libjpeg build cannot decode (12-bit, lossless…) */
    COATT_JPEG_FAILED,       /* the library itself failed, e.g. out of memory */
    COATT_JPEG_BAD_BUFFER    /* the caller's pixel buffer does not fit the image */
} coatt_jpeg_status;

typedef struct {
    coatt_jpeg_status status;
    int message_code;                /* libjpeg's J_MESSAGE_CODE behind status */
    char message[JMSG_LENGTH_MAX];   /* libjpeg's formatted text for status != OK */
    char warning[JMSG_LENGTH_MAX];   /* first tolerated warning, "" if none */
} coatt_jpeg_report;

typedef struct {
    int width, height;                /* as declared in the frame header (SOF) */
    int output_width, output_height;  /* after the requested DCT scaling */
    int components;
    int color_space;                  /* J_COLOR_SPACE libjpeg inferred for the stored data */
    int progressive;
    size_t exif_length;               /* bytes of the Exif APP1 payload copied out, 0 if none */
} coatt_jpeg_header;

typedef struct {
    struct jpeg_error_mgr pub;  /* first member: libjpeg hands us &pub as cinfo->err */
    jmp_buf escape;
    coatt_jpeg_report *report;
    int header_read;            /* set once jpeg_read_header returned: entropy data follows */
} coatt_jpeg_error_manager;

static inline coatt_jpeg_status coatt_jpeg_status_for_error(int code) {
    switch (code) {
    case JERR_ARITH_NOTIMPL: case JERR_BAD_PRECISION: case JERR_CCIR601_NOTIMPL:
    case JERR_CONVERSION_NOTIMPL: case JERR_FRACT_SAMPLE_NOTIMPL: case JERR_NOTIMPL:
    case JERR_NOT_COMPILED: case JERR_SOF_UNSUPPORTED: case JERR_IMAGE_TOO_BIG:
        return COATT_JPEG_UNSUPPORTED;
    case JERR_OUT_OF_MEMORY: case JERR_NO_BACKING_STORE: case JERR_BAD_ALLOC_CHUNK:
    case JERR_WIDTH_OVERFLOW:
        return COATT_JPEG_FAILED;
    default:
        return COATT_JPEG_CORRUPT;
    }
}

/* Warnings after which libjpeg's pixels are made up. Those are failures for us: a model fed
 * half-gray images learns nothing good. Extraneous bytes are one of them once entropy data
 * has been read: damaged Huffman data rarely decodes to an invalid code, but it leaves the
 * decoder out of step, so it stops short of the scan's end and libjpeg skips the rest as
 * "extraneous bytes before marker". Between header markers such bytes are harmless, as are
 * the remaining warnings (unknown JFIF revision, bad ICC chunk, unknown Adobe transform). */
static inline int coatt_jpeg_warning_invents_pixels(int code, int header_read) {
    switch (code) {
    case JWRN_JPEG_EOF: case JWRN_HIT_MARKER: case JWRN_HUFF_BAD_CODE: case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC: case JWRN_BOGUS_PROGRESSION: case JWRN_NOT_SEQUENTIAL:
        return 1;
    case JWRN_EXTRANEOUS_DATA:
        return header_read;
    default:
        return 0;
    }
}

static inline void coatt_jpeg_fail(j_common_ptr cinfo, coatt_jpeg_status status) {
    coatt_jpeg_error_manager *manager = (coatt_jpeg_error_manager *)cinfo->err;
    manager->report->status = status;
    manager->report->message_code = cinfo->err->msg_code;
    cinfo->err->format_message(cinfo, manager->report->message);
    longjmp(manager->escape, 1);
}

static inline void coatt_jpeg_error_exit(j_common_ptr cinfo) {
    coatt_jpeg_fail(cinfo, coatt_jpeg_status_for_error(cinfo->err->msg_code));
}

/* Replaces the default, which prints to stderr: keeps the first warning for the caller. */
static inline void coatt_jpeg_output_message(j_common_ptr cinfo) {
    coatt_jpeg_error_manager *manager = (coatt_jpeg_error_manager *)cinfo->err;
    if (manager->report->warning[0] == '\0')
        cinfo->err->format_message(cinfo, manager->report->warning);
}

static inline void coatt_jpeg_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level >= 0)
        return; /* trace output, never wanted */
    cinfo->err->num_warnings++;
    int code = cinfo->err->msg_code;
    coatt_jpeg_error_manager *manager = (coatt_jpeg_error_manager *)cinfo->err;
    if (coatt_jpeg_warning_invents_pixels(code, manager->header_read))
        coatt_jpeg_fail(cinfo, code == JWRN_JPEG_EOF ? COATT_JPEG_TRUNCATED : COATT_JPEG_CORRUPT);
    cinfo->err->output_message(cinfo);
}

static inline struct jpeg_error_mgr *coatt_jpeg_errors(coatt_jpeg_error_manager *manager,
                                                      coatt_jpeg_report *report) {
    memset(report, 0, sizeof *report);
    manager->report = report;
    manager->header_read = 0;
    jpeg_std_error(&manager->pub);
    manager->pub.error_exit = coatt_jpeg_error_exit;
    manager->pub.emit_message = coatt_jpeg_emit_message;
    manager->pub.output_message = coatt_jpeg_output_message;
    return &manager->pub;
}

/* Reads the header from memory and applies the DCT scale; runs under the caller's setjmp. */
static inline void coatt_jpeg_open(j_decompress_ptr cinfo, const unsigned char *data, size_t length,
                                   unsigned int scale_num, unsigned int scale_denom, int save_app1) {
    jpeg_create_decompress(cinfo);
    jpeg_mem_src(cinfo, data, (unsigned long)length);
    if (save_app1)
        jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(cinfo, TRUE);
    ((coatt_jpeg_error_manager *)cinfo->err)->header_read = 1;
    cinfo->scale_num = scale_num;
    cinfo->scale_denom = scale_denom;
    jpeg_calc_output_dimensions(cinfo);
}

static inline size_t coatt_jpeg_copy_exif(j_decompress_ptr cinfo, unsigned char *exif,
                                          size_t capacity) {
    for (jpeg_saved_marker_ptr marker = cinfo->marker_list; marker; marker = marker->next) {
        if (marker->marker != JPEG_APP0 + 1 || marker->data_length < 6 ||
            memcmp(marker->data, "Exif\0\0", 6) != 0)
            continue; /* XMP also lives in APP1 */
        size_t length = marker->data_length < capacity ? marker->data_length : capacity;
        memcpy(exif, marker->data, length);
        return length;
    }
    return 0;
}

/* Fills `header` and copies the Exif APP1 payload (starting at "Exif\0\0") into `exif`. */
static inline coatt_jpeg_status coatt_jpeg_read_header(const unsigned char *data, size_t length,
                                                       unsigned int scale_num,
                                                       unsigned int scale_denom,
                                                       coatt_jpeg_header *header,
                                                       unsigned char *exif, size_t exif_capacity,
                                                       coatt_jpeg_report *report) {
    struct jpeg_decompress_struct cinfo;
    coatt_jpeg_error_manager errors;
    memset(&cinfo, 0, sizeof cinfo); /* so destroy is safe if create itself fails */
    cinfo.err = coatt_jpeg_errors(&errors, report);
    if (setjmp(errors.escape)) {
        jpeg_destroy_decompress(&cinfo);
        return report->status;
    }
    coatt_jpeg_open(&cinfo, data, length, scale_num, scale_denom, 1);
    header->width = (int)cinfo.image_width;
    header->height = (int)cinfo.image_height;
    header->output_width = (int)cinfo.output_width;
    header->output_height = (int)cinfo.output_height;
    header->components = cinfo.num_components;
    header->color_space = (int)cinfo.jpeg_color_space;
    header->progressive = (int)cinfo.progressive_mode;
    header->exif_length = coatt_jpeg_copy_exif(&cinfo, exif, exif_capacity);
    jpeg_destroy_decompress(&cinfo);
    return COATT_JPEG_OK;
}

static inline unsigned char coatt_jpeg_muldiv255(int a, int b) {
    int t = a * b + 128;
    return (unsigned char)(((t >> 8) + t) >> 8);
}

/* Same arithmetic as Pillow's CMYK→RGB, so both agree bit for bit. Photoshop, the usual
 * source of CMYK JPEGs, stores inverted inks and marks its files with an Adobe APP14
 * marker; Pillow and browsers take that marker to mean "inverted", and so do we. */
static inline void coatt_jpeg_cmyk_to_rgb(const JSAMPLE *cmyk, unsigned char *rgb, size_t width,
                                          int inverted) {
    int flip = inverted ? 255 : 0;
    for (size_t x = 0; x < width; x++, cmyk += 4, rgb += 3) {
        int white = 255 - (cmyk[3] ^ flip);
        for (int channel = 0; channel < 3; channel++)
            rgb[channel] = (unsigned char)(white - coatt_jpeg_muldiv255(cmyk[channel] ^ flip, white));
    }
}

/* Decodes to interleaved RGB rows in `pixels`, which must hold width * height * 3 bytes
 * for the scaled output size that coatt_jpeg_read_header reported. */
static inline coatt_jpeg_status coatt_jpeg_decode_rgb(const unsigned char *data, size_t length,
                                                      unsigned int scale_num,
                                                      unsigned int scale_denom,
                                                      unsigned char *pixels, size_t width,
                                                      size_t height, coatt_jpeg_report *report) {
    struct jpeg_decompress_struct cinfo;
    coatt_jpeg_error_manager errors;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = coatt_jpeg_errors(&errors, report);
    if (setjmp(errors.escape)) {
        jpeg_destroy_decompress(&cinfo);
        return report->status;
    }
    coatt_jpeg_open(&cinfo, data, length, scale_num, scale_denom, 0);
    if (cinfo.output_width != width || cinfo.output_height != height) {
        jpeg_destroy_decompress(&cinfo);
        report->status = COATT_JPEG_BAD_BUFFER;
        return report->status;
    }
    /* libjpeg converts gray and YCbCr to RGB itself but has no CMYK→RGB conversion. */
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    JSAMPARRAY cmyk_row = cmyk ? (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
                                                           cinfo.output_width * 4, 1)
                               : NULL;
    while (cinfo.output_scanline < cinfo.output_height) {
        unsigned char *rgb = pixels + (size_t)cinfo.output_scanline * width * 3;
        if (cmyk) {
            jpeg_read_scanlines(&cinfo, cmyk_row, 1);
            coatt_jpeg_cmyk_to_rgb(cmyk_row[0], rgb, width, cinfo.saw_Adobe_marker);
        } else {
            jpeg_read_scanlines(&cinfo, &rgb, 1);
        }
    }
    /* Reads on to EOI, so a file cut right after its last scan still counts as truncated. */
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return COATT_JPEG_OK;
}

/* For tests only: encodes interleaved 8-bit samples of `in_color_space` (JCS_GRAYSCALE, JCS_RGB
 * or JCS_CMYK) stored as `jpeg_color_space`, with an optional APP1 payload. On success *jpeg
 * is a malloc'd buffer that the caller releases with free(). */
static inline coatt_jpeg_status coatt_jpeg_encode(const unsigned char *samples, int width,
                                                  int height, int in_color_space,
                                                  int jpeg_color_space, int quality,
                                                  int progressive, const unsigned char *app1,
                                                  size_t app1_length, unsigned char **jpeg,
                                                  unsigned long *jpeg_length,
                                                  coatt_jpeg_report *report) {
    struct jpeg_compress_struct cinfo;
    coatt_jpeg_error_manager errors;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = coatt_jpeg_errors(&errors, report);
    *jpeg = NULL;
    *jpeg_length = 0;
    if (setjmp(errors.escape)) {
        jpeg_destroy_compress(&cinfo);
        free(*jpeg);
        *jpeg = NULL;
        return report->status;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, jpeg, jpeg_length);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.in_color_space = (J_COLOR_SPACE)in_color_space;
    cinfo.input_components = in_color_space == JCS_GRAYSCALE ? 1 : in_color_space == JCS_CMYK ? 4 : 3;
    jpeg_set_defaults(&cinfo);
    jpeg_set_colorspace(&cinfo, (J_COLOR_SPACE)jpeg_color_space);
    jpeg_set_quality(&cinfo, quality, TRUE);
    if (progressive)
        jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    if (app1_length > 0)
        jpeg_write_marker(&cinfo, JPEG_APP0 + 1, app1, (unsigned int)app1_length);
    size_t stride = (size_t)width * (size_t)cinfo.input_components;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(samples + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return COATT_JPEG_OK;
}
