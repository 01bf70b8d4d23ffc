// libFuzzer target: any bytes through the reader (as JSON and as YAML), the template finder and
// the validator. A finding is a crash, a sanitizer report or a hang; diagnostics are not findings.
#include "model/asl/AslReader.h"
#include "model/asl/AslWriter.h"
#include "model/asl/DefinitionFile.h"
#include "model/asl/StateMachine.h"
#include "model/asl/Validator.h"

#include <cstdint>
#include <string_view>

using namespace flowcast::model;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const TextFormat format = (size > 0 && (data[0] & 1)) ? TextFormat::Yaml : TextFormat::Json;
    ReadResult read = AslReader::readText(text, format);
    if (!read.json) return 0;
    Diagnostics diags;
    for (const auto& embedded : DefinitionFile::find(*read.json, diags)) {
        const Diagnostics found = Validator().validate(embedded.json());
        (void)found;
        const StateMachine view = StateMachine::fromJson(embedded.json());
        (void)view.totalStateCount();
    }
    // Export must always be readable again.
    const ReadResult again = AslReader::readText(AslWriter::toText(*read.json), TextFormat::Json);
    if (!again.json) __builtin_trap();
    return 0;
}
