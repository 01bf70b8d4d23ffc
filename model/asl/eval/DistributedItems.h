#pragma once
// The items of a Distributed Map: what its ItemReader read (an S3 object's body as CSV, JSON or
// JSON Lines, or an S3 listing), cut to MaxItems, and grouped by its ItemBatcher. Pure functions
// over JSON: the interpreter (simulator/exec) fetches the content through its task backend and
// evaluates the *Path fields; errors come back the way Step Functions names them
// (States.ItemReaderFailed, States.Runtime).
#include "model/asl/Json.h"
#include "model/asl/eval/EvalTypes.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model::eval {

/// An ItemReader's ReaderConfig ("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter",
/// "MaxItems"); MaxItemsPath is evaluated by the caller into maxItems.
struct ReaderConfig {
    enum class InputType { None, Csv, Json, Jsonl, Manifest, Parquet };
    InputType inputType = InputType::None; ///< None: the resource is s3:listObjectsV2
    bool headersGiven = false;             ///< CSVHeaderLocation GIVEN
    std::vector<std::string> headers;      ///< CSVHeaders, when given
    char delimiter = ',';
    std::optional<std::size_t> maxItems; ///< 0 or absent: no limit

    /// Reads the ReaderConfig object (absent or null: the defaults). Unknown values give an error
    /// naming the field (the validator reports them in the definition too).
    static Result<ReaderConfig> from(const Json& readerConfig);
};

/// The items in `content`: an array is taken as it is (an S3 listing, or a backend that parsed
/// the object already); a string is an object's body, read as the InputType says. CSV rows become
/// objects of strings keyed by the headers. Then MaxItems. Pass a listing by move: it is kept.
Result<Json> readItems(Json content, const ReaderConfig& config);

/// ItemBatcher: consecutive items grouped into {"BatchInput": batchInput, "Items": [...]}
/// (BatchInput only when given), each batch holding at most `maxItems` items (0: no limit) and
/// at most `maxBytes` bytes of items as serialised JSON (0: no limit, at most 256 KiB). An item
/// alone over `maxBytes` fails with States.Runtime, as AWS cannot place it.
Result<Json> batchItems(Json&& items, std::size_t maxItems, std::size_t maxBytes,
                        const Json* batchInput);

} // namespace flowcast::model::eval
