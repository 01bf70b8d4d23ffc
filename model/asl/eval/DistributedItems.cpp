#include "model/asl/eval/DistributedItems.h"

#include "model/asl/eval/PayloadSize.h"

#include <cmath>
#include <string_view>

namespace flowcast::model::eval {

namespace {

EvalError readerFailed(std::string cause) {
    return {"States.ItemReaderFailed", std::move(cause)};
}

std::optional<char> delimiterOf(std::string_view name) {
    if (name == "COMMA") return ',';
    if (name == "PIPE") return '|';
    if (name == "SEMICOLON") return ';';
    if (name == "SPACE") return ' ';
    if (name == "TAB") return '\t';
    return std::nullopt;
}

// One CSV record per call (RFC 4180: quoted fields may hold the delimiter, line breaks and
// doubled quotes). `pos` moves past the record's line break. False at the end of the text.
bool nextRecord(std::string_view text, std::size_t& pos, char delimiter,
                std::vector<std::string>& fields, std::string& error) {
    fields.clear();
    if (pos >= text.size()) return false;
    std::string field;
    bool quoted = false;
    bool wasQuoted = false;
    while (pos < text.size()) {
        const char c = text[pos++];
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (pos < text.size() && text[pos] == '"') {
                field += '"';
                ++pos;
            } else {
                quoted = false;
            }
            continue;
        }
        if (c == '"' && field.empty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == delimiter) {
            fields.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
            break;
        } else {
            field += c;
        }
    }
    if (quoted) {
        error = "a quoted field is not closed";
        return false;
    }
    fields.push_back(std::move(field));
    return true;
}

Result<Json> readCsv(std::string_view text, const ReaderConfig& config) {
    std::vector<std::string> headers = config.headers;
    std::vector<std::string> fields;
    std::string error;
    std::size_t pos = 0;
    std::size_t row = 0;
    Json items = Json::array();
    while (nextRecord(text, pos, config.delimiter, fields, error)) {
        ++row;
        if (fields.size() == 1 && fields.front().empty()) continue; // an empty line
        if (headers.empty()) {
            if (config.headersGiven)
                return readerFailed("CSVHeaderLocation is GIVEN but CSVHeaders is empty");
            headers = fields;
            continue;
        }
        if (fields.size() != headers.size())
            return readerFailed("CSV row " + std::to_string(row) + " has " +
                                std::to_string(fields.size()) + " fields; the header has " +
                                std::to_string(headers.size()));
        Json item = Json::object();
        for (std::size_t i = 0; i < headers.size(); ++i)
            item[headers[i]] = std::move(fields[i]);
        items.push_back(std::move(item));
        if (config.maxItems && *config.maxItems > 0 && items.size() >= *config.maxItems) break;
    }
    if (!error.empty()) return readerFailed("CSV row " + std::to_string(row + 1) + ": " + error);
    return items;
}

Result<Json> readJsonLines(std::string_view text, const ReaderConfig& config) {
    Json items = Json::array();
    std::size_t line = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view record = text.substr(pos, end - pos);
        pos = end + 1;
        ++line;
        if (record.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        Json item = Json::parse(record, nullptr, false);
        if (item.is_discarded())
            return readerFailed("JSONL line " + std::to_string(line) + " is not JSON");
        items.push_back(std::move(item));
        if (config.maxItems && *config.maxItems > 0 && items.size() >= *config.maxItems) break;
    }
    return items;
}

void cut(Json& items, const std::optional<std::size_t>& maxItems) {
    if (!maxItems || *maxItems == 0 || items.size() <= *maxItems) return;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(*maxItems), items.end());
}

} // namespace

Result<ReaderConfig> ReaderConfig::from(const Json& readerConfig) {
    ReaderConfig config;
    if (readerConfig.is_null()) return config;
    if (!readerConfig.is_object())
        return EvalError{"States.Runtime", "ReaderConfig must be an object"};
    if (const auto it = readerConfig.find("InputType"); it != readerConfig.end()) {
        const std::string type = it->is_string() ? it->get<std::string>() : it->dump();
        if (type == "CSV")
            config.inputType = InputType::Csv;
        else if (type == "JSON")
            config.inputType = InputType::Json;
        else if (type == "JSONL")
            config.inputType = InputType::Jsonl;
        else if (type == "MANIFEST")
            config.inputType = InputType::Manifest;
        else if (type == "PARQUET")
            config.inputType = InputType::Parquet;
        else
            return EvalError{"States.Runtime", "ReaderConfig.InputType " + type + " is unknown"};
    }
    if (const auto it = readerConfig.find("CSVHeaderLocation"); it != readerConfig.end())
        config.headersGiven = *it == "GIVEN";
    if (const auto it = readerConfig.find("CSVHeaders"); it != readerConfig.end() && it->is_array())
        for (const Json& header : *it)
            if (header.is_string()) config.headers.push_back(header.get<std::string>());
    if (!config.headersGiven) config.headers.clear(); // FIRST_ROW: the file's own header
    if (const auto it = readerConfig.find("CSVDelimiter"); it != readerConfig.end()) {
        const auto delimiter = it->is_string() ? delimiterOf(it->get<std::string>()) : std::nullopt;
        if (!delimiter)
            return EvalError{"States.Runtime", "ReaderConfig.CSVDelimiter " + it->dump() +
                                                   " is not COMMA, PIPE, SEMICOLON, SPACE or TAB"};
        config.delimiter = *delimiter;
    }
    // A whole number however it is stored: a JSONata expression gives 2 as 2.0.
    if (const auto it = readerConfig.find("MaxItems");
        it != readerConfig.end() && it->is_number()) {
        const double maxItems = it->get<double>();
        if (maxItems >= 0 && maxItems < 1e18 && std::floor(maxItems) == maxItems)
            config.maxItems = static_cast<std::size_t>(maxItems);
    }
    return config;
}

Result<Json> readItems(Json content, const ReaderConfig& config) {
    using Type = ReaderConfig::InputType;
    if (content.is_array()) {
        cut(content, config.maxItems);
        return content;
    }
    if (!content.is_string())
        return readerFailed("the ItemReader returned " + std::string(content.type_name()) +
                            ", not the object's text or a list of objects");
    const std::string& text = content.get_ref<const std::string&>();
    switch (config.inputType) {
    case Type::Csv:
        return readCsv(text, config);
    case Type::Jsonl:
        return readJsonLines(text, config);
    case Type::Json: {
        Json items = Json::parse(text, nullptr, false);
        if (items.is_discarded()) return readerFailed("the object is not JSON");
        if (!items.is_array()) return readerFailed("the JSON object does not hold an array");
        cut(items, config.maxItems);
        return items;
    }
    case Type::Manifest:
    case Type::Parquet:
        return EvalError{"Flowcast.NotSupported",
                         "Flowcast reads CSV, JSON and JSONL objects and S3 listings; not "
                         "S3 inventory manifests or Parquet yet"};
    case Type::None: { // an S3 listing, kept as JSON text
        Json items = Json::parse(text, nullptr, false);
        if (items.is_discarded() || !items.is_array())
            return readerFailed("an S3 listing must be a JSON array of objects; to read an "
                                "object's text, set ReaderConfig.InputType");
        cut(items, config.maxItems);
        return items;
    }
    }
    return readerFailed("unknown InputType");
}

Result<Json> batchItems(Json&& items, std::size_t maxItems, std::size_t maxBytes,
                        const Json* batchInput) {
    if (maxBytes == 0 || maxBytes > kPayloadLimitBytes) maxBytes = kPayloadLimitBytes;
    // {"BatchInput":<b>,"Items":[...]}: the fixed part, then each item and its comma.
    std::size_t base = std::string_view(R"({"Items":[]})").size();
    if (batchInput) base += std::string_view(R"("BatchInput":,)").size() + payloadSize(*batchInput);
    Json batches = Json::array();
    Json current = Json::array();
    std::size_t bytes = base;
    const auto flush = [&] {
        if (current.empty()) return;
        Json batch = Json::object();
        if (batchInput) batch["BatchInput"] = *batchInput;
        batch["Items"] = std::move(current);
        batches.push_back(std::move(batch));
        current = Json::array();
        bytes = base;
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::size_t itemSize = payloadSize(items[i], maxBytes);
        if (base + itemSize > maxBytes)
            return EvalError{"States.Runtime",
                             "item " + std::to_string(i) +
                                 " alone is over the batch's MaxInputBytesPerBatch of " +
                                 std::to_string(maxBytes) + " bytes"};
        const std::size_t withComma = itemSize + (current.empty() ? 0 : 1);
        if ((maxItems && current.size() >= maxItems) || bytes + withComma > maxBytes) {
            flush();
            bytes += itemSize;
        } else {
            bytes += withComma;
        }
        current.push_back(std::move(items[i]));
    }
    flush();
    return batches;
}

} // namespace flowcast::model::eval
