// libFuzzer target: any bytes as an AWS Price List API offer file must import or fail with a
// PriceBookError naming the file and pointer, never crash (OfferReader's SAX pass, OfferImporter's
// term reading). The input is handed over as a file (/proc/self/fd of a memfd), as the CLI reads.
#include "model/pricing/OfferImport.h"
#include "model/pricing/PriceBookError.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace flowcast::model;
    const int fd = memfd_create("offer", 0);
    if (fd < 0) return 0;
    if (write(fd, data, size) == static_cast<ssize_t>(size)) {
        try {
            OfferImporter(PriceBook::defaults(), "us-east-1")
                .run({"/proc/self/fd/" + std::to_string(fd)});
        } catch (const PriceBookError&) {
        }
    }
    close(fd);
    return 0;
}
