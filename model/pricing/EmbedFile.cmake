# Build step: writes OUTPUT, a C++ file whose defaultPriceBookText() returns the bytes of INPUT.
#   cmake -DINPUT=aws-us-east-1.prices.json -DOUTPUT=DefaultPriceBook.cpp -P EmbedFile.cmake
# A char array rather than a string literal: no length limit, no escaping, any byte.
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REPEAT "0x[0-9a-f][0-9a-f]," 16 line) # CMake's regex has no {16}
string(REGEX REPLACE "(${line})" "\\1\n    " bytes "${bytes}")
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
"// Generated from model/pricing/${name} by model/pricing/EmbedFile.cmake. Do not edit.
#include \"model/pricing/DefaultPriceBook.h\"

namespace flowcast::model {
namespace {
constexpr unsigned char kText[] = { // unsigned: UTF-8 bytes above 0x7f fit
    ${bytes}0x00};
} // namespace

std::string_view defaultPriceBookText() {
    return {reinterpret_cast<const char*>(kText), sizeof kText - 1};
}

} // namespace flowcast::model
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
