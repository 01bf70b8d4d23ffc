#include "model/asl/AslReader.h"

#include "model/asl/JsonDomBuilder.h"
#include "model/asl/JsonSyntax.h"
#include "model/asl/TextPosition.h"
#include "model/asl/YamlToJson.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace flowcast::model {
namespace {

Diagnostic textError(std::string code, std::string message, std::string_view text,
                     std::size_t offset) {
    const TextPosition pos = positionOf(text, offset);
    return {std::move(code), Severity::Error, "", std::move(message), pos.line, pos.column};
}

// Offset of the first bracket that opens level maxDepth + 1, or npos. Strings are skipped so
// brackets inside them do not count. Runs before the parser so that absurd nesting never reaches
// recursive code (Json's destructor and dump recurse).
std::size_t tooDeepAt(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::string_view::npos;
}

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1, column 2: ";
// keep only the part after that, since the diagnostic carries the position itself.
std::string plainParseMessage(const std::string& what) {
    const auto at = what.find(": ");
    std::string msg = at == std::string::npos ? what : what.substr(at + 2);
    if (msg.rfind("syntax error while parsing ", 0) == 0) msg = msg.substr(27);
    return msg;
}

ReadResult readJson(std::string_view text) {
    ReadResult result;
    result.sizeBytes = text.size();
    if (const auto at = tooDeepAt(text, AslReader::kMaxNestingDepth);
        at != std::string_view::npos) {
        result.diagnostics.push_back(textError("NESTING_TOO_DEEP",
                                               "objects and arrays nest more than " +
                                                   std::to_string(AslReader::kMaxNestingDepth) +
                                                   " levels deep",
                                               text, at));
        return result;
    }
    // nlohmann's lexer takes a NUL byte for the end of the text; JSON never holds a raw NUL, so
    // refuse it here rather than silently ignore what follows it.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        result.diagnostics.push_back(
            textError("INVALID_JSON_DESCRIPTION", "the text holds a NUL byte", text, nul));
        return result;
    }
    JsonDomBuilder builder;
    Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json,
                    true, false);
    if (builder.failed()) {
        // Point at the first byte of the offending token when it is there in the text.
        const std::size_t end = std::min(builder.errorPosition(), text.size());
        const std::string& token = builder.errorToken();
        const bool atEnd = builder.errorMessage().find("end of input") != std::string::npos;
        const bool tokenInText = !atEnd && !token.empty() && token.size() <= end &&
                                 text.substr(end - token.size(), token.size()) == token;
        const std::size_t offset = tokenInText ? end - token.size() : end;
        const std::size_t badByte = firstInvalidUtf8(text);
        if (badByte != std::string_view::npos && badByte <= end) {
            result.diagnostics.push_back(
                textError("INVALID_UTF8", "the text is not valid UTF-8", text, badByte));
        } else if (const auto syntax = findJsonSyntaxError(text)) {
            result.diagnostics.push_back(
                textError("INVALID_JSON_DESCRIPTION", syntax->message, text, syntax->offset));
        } else {
            result.diagnostics.push_back(textError("INVALID_JSON_DESCRIPTION",
                                                   plainParseMessage(builder.errorMessage()), text,
                                                   offset));
        }
        return result;
    }
    result.json = std::move(builder.root());
    result.diagnostics = std::move(builder.duplicates());
    return result;
}

ReadResult readYaml(std::string_view text) {
    ReadResult result;
    result.sizeBytes = text.size();
    if (const auto bad = firstInvalidUtf8(text); bad != std::string_view::npos) {
        result.diagnostics.push_back(
            textError("INVALID_UTF8", "the text is not valid UTF-8", text, bad));
        return result;
    }
    YamlConversion converted = yamlToJson(text, AslReader::kMaxNestingDepth);
    result.json = std::move(converted.json);
    result.diagnostics = std::move(converted.diagnostics);
    return result;
}

Diagnostic fileError(std::string code, std::string message) {
    return {std::move(code), Severity::Error, "", std::move(message), 0, 0};
}

} // namespace

TextFormat AslReader::formatFor(const std::filesystem::path& path) {
    const std::string ext = path.extension().string();
    return (ext == ".yaml" || ext == ".yml") ? TextFormat::Yaml : TextFormat::Json;
}

ReadResult AslReader::readText(std::string_view text, TextFormat format) {
    return format == TextFormat::Yaml ? readYaml(text) : readJson(text);
}

ReadResult AslReader::readFile(const std::filesystem::path& path) {
    std::string text;
    return readFileText(path, text);
}

ReadResult AslReader::readFileText(const std::filesystem::path& path, std::string& text) {
    namespace fs = std::filesystem;
    text.clear();
    ReadResult result;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        result.diagnostics.push_back(fileError("FILE_NOT_FOUND", "no such file"));
        return result;
    }
    if (fs::is_directory(status)) {
        result.diagnostics.push_back(
            fileError("NOT_A_FILE", "is a directory, not a definition file"));
        return result;
    }
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxFileBytes) {
        result.diagnostics.push_back(fileError(
            "FILE_TOO_LARGE", "file is " + std::to_string(size) + " bytes; the limit is " +
                                  std::to_string(kMaxFileBytes)));
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    if (!in || !(buffer << in.rdbuf())) {
        // An empty file makes operator<< fail too; that is not an I/O error.
        if (in && !ec && size == 0) return readText("", formatFor(path));
        result.diagnostics.push_back(fileError("FILE_UNREADABLE", "cannot read the file"));
        return result;
    }
    text = std::move(buffer).str();
    return readText(text, formatFor(path));
}

} // namespace flowcast::model
