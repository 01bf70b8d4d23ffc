#include "model/pricing/OfferReader.h"

#include "model/asl/JsonPointer.h"
#include "model/pricing/PriceBookError.h"

#include <array>
#include <cstdio>
#include <iterator>
#include <memory>
#include <optional>

namespace flowcast::model {
namespace {

// The file read in 1 MB chunks behind an input iterator: nlohmann's own FILE* adapter calls
// fgetc once per byte, which halves the speed on a multi-gigabyte offer.
class ChunkedFile {
public:
    explicit ChunkedFile(std::FILE* f) : m_file(f) { refill(); }
    bool atEnd() const { return m_pos == m_size; }
    char current() const { return m_buffer[m_pos]; }
    void advance() {
        if (++m_pos == m_size) refill();
    }

private:
    void refill() {
        m_size = std::fread(m_buffer.data(), 1, m_buffer.size(), m_file);
        m_pos = 0;
    }
    std::FILE* m_file;
    std::array<char, 1 << 20> m_buffer{};
    std::size_t m_size = 0;
    std::size_t m_pos = 0;
};

class ChunkIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = char;

    ChunkIterator() = default;
    explicit ChunkIterator(ChunkedFile* file) : m_file(file) {}
    char operator*() const { return m_file->current(); }
    ChunkIterator& operator++() {
        m_file->advance();
        return *this;
    }
    bool operator==(const ChunkIterator& other) const { return atEnd() == other.atEnd(); }
    bool operator!=(const ChunkIterator& other) const { return !(*this == other); }

private:
    bool atEnd() const { return !m_file || m_file->atEnd(); }
    ChunkedFile* m_file = nullptr;
};

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// Where a captured value sits in the offer.
enum class Slot { Header, Product, OnDemandTerm };

// The SAX handler: follows the path of keys, and builds a small DOM only for the values it keeps
// (header fields, one product at a time, the on-demand terms of kept products).
class OfferSax {
public:
    OfferSax(OfferFile& out, const OfferReader::ProductFilter& keep) : m_out(out), m_keep(keep) {}

    bool null() { return scalar(Json(nullptr)); }
    bool boolean(bool v) { return scalar(Json(v)); }
    bool number_integer(Json::number_integer_t v) { return scalar(Json(v)); }
    bool number_unsigned(Json::number_unsigned_t v) { return scalar(Json(v)); }
    bool number_float(Json::number_float_t v, const std::string&) { return scalar(Json(v)); }
    bool string(std::string& v) { return scalar(Json(std::move(v))); }
    bool binary(Json::binary_t&) { return true; }
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool key(std::string& k) {
        if (m_capture) {
            m_captureKey = k;
        } else {
            m_path.back() = k;
        }
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        // nlohmann: "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
        std::string message = e.what();
        if (const auto at = message.find(" at line "); at != std::string::npos)
            message = message.substr(at + 4);
        throw PriceBookError(m_out.file, "", message);
    }

    bool sawProducts() const { return m_sawProducts; }
    bool sawTerms() const { return m_sawTerms; }
    /// Terms read before the products section (kept all, filtered at the end).
    std::map<std::string, Json>& earlyTerms() { return m_earlyTerms; }

private:
    std::string pointer(std::size_t depth) const {
        std::string p;
        for (std::size_t i = 0; i < depth && i < m_path.size(); ++i)
            p = pointerChild(p, m_path[i]);
        return p;
    }

    // What a value starting here is: captured (and where), or skipped. Also checks the types of
    // the containers the format requires.
    std::optional<Slot> slotHere(bool isObject) {
        const std::size_t depth = m_path.size();
        if (depth == 0) {
            if (!isObject) throw PriceBookError(m_out.file, "", "an offer file must be an object");
            return std::nullopt;
        }
        const std::string& k = m_path.back();
        if (depth == 1) {
            for (const char* h : {"formatVersion", "offerCode", "version", "publicationDate"})
                if (k == h) return Slot::Header;
            if ((k == "products" || k == "terms") && !isObject)
                throw PriceBookError(m_out.file, pointer(1), "\"" + k + "\" must be an object");
            if (k == "products") m_sawProducts = true;
            if (k == "terms") m_sawTerms = true;
            return std::nullopt;
        }
        if (depth == 2 && m_path[0] == "products") return Slot::Product;
        if (depth == 2 && m_path[0] == "terms" && k == "OnDemand" && !isObject)
            throw PriceBookError(m_out.file, pointer(2), "\"OnDemand\" must be an object");
        if (depth == 3 && m_path[0] == "terms" && m_path[1] == "OnDemand") {
            if (!m_productsDone || m_out.products.count(k)) return Slot::OnDemandTerm;
        }
        return std::nullopt;
    }

    bool scalar(Json v) {
        if (m_capture) {
            place(std::move(v));
            return true;
        }
        if (const auto slot = slotHere(false)) {
            m_slot = *slot;
            finish(std::move(v));
        }
        return true;
    }

    bool open(Json container) {
        if (m_capture) {
            m_stack.push_back(&place(std::move(container)));
            return true;
        }
        const bool isObject = container.is_object();
        if (const auto slot = slotHere(isObject)) {
            m_slot = *slot;
            m_capture = true;
            m_captured = std::move(container);
            m_stack = {&m_captured};
            return true;
        }
        m_path.emplace_back(); // the key (or nothing, in an array) is filled in as it comes
        return true;
    }

    bool close() {
        if (m_capture) {
            m_stack.pop_back();
            if (m_stack.empty()) {
                m_capture = false;
                finish(std::move(m_captured));
            }
            return true;
        }
        m_path.pop_back();
        if (m_path.size() == 1 && m_path[0] == "products") m_productsDone = true;
        return true;
    }

    Json& place(Json v) {
        Json& parent = *m_stack.back();
        if (parent.is_object()) return parent[m_captureKey] = std::move(v);
        parent.push_back(std::move(v));
        return parent.back();
    }

    void finish(Json value) {
        const std::string& k = m_path.back();
        const std::string here = pointer(m_path.size());
        switch (m_slot) {
        case Slot::Header:
            if (!value.is_string() || value.get_ref<const std::string&>().empty())
                throw PriceBookError(m_out.file, here,
                                     "\"" + k + "\" must be a non-empty string (got " +
                                         jsonTypeName(value) + ")");
            (k == "formatVersion" ? m_out.formatVersion
             : k == "offerCode"   ? m_out.offerCode
             : k == "version"     ? m_out.version
                                  : m_out.publicationDate) = value.get<std::string>();
            break;
        case Slot::Product:
            ++m_out.productCount;
            checkProduct(value, here);
            if (m_keep(k, value)) m_out.products.emplace(k, std::move(value));
            break;
        case Slot::OnDemandTerm:
            if (m_productsDone) {
                m_out.onDemand.emplace(k, std::move(value));
            } else {
                m_earlyTerms.emplace(k, std::move(value));
            }
            break;
        }
    }

    void checkProduct(const Json& product, const std::string& at) const {
        if (!product.is_object())
            throw PriceBookError(m_out.file, at,
                                 std::string("a product must be an object (got ") +
                                     jsonTypeName(product) + ")");
        if (auto family = product.find("productFamily");
            family != product.end() && !family->is_string())
            throw PriceBookError(m_out.file, pointerChild(at, "productFamily"),
                                 "\"productFamily\" must be a string");
        const auto attributes = product.find("attributes");
        if (attributes == product.end())
            throw PriceBookError(m_out.file, at, "missing \"attributes\"");
        if (!attributes->is_object())
            throw PriceBookError(m_out.file, pointerChild(at, "attributes"),
                                 "\"attributes\" must be an object");
        for (auto it = attributes->begin(); it != attributes->end(); ++it)
            if (!it->is_string())
                throw PriceBookError(
                    m_out.file, pointerChild(pointerChild(at, "attributes"), it.key()),
                    "an attribute must be a string (got " + std::string(jsonTypeName(*it)) + ")");
    }

    OfferFile& m_out;
    const OfferReader::ProductFilter& m_keep;
    std::vector<std::string> m_path; // the key of each open container outside a capture
    bool m_capture = false;
    Slot m_slot = Slot::Header;
    Json m_captured;
    std::vector<Json*> m_stack;
    std::string m_captureKey;
    bool m_sawProducts = false;
    bool m_sawTerms = false;
    bool m_productsDone = false;
    std::map<std::string, Json> m_earlyTerms;
};

} // namespace

OfferFile OfferReader::read(const std::filesystem::path& file, const ProductFilter& keep) {
    OfferFile out;
    out.file = file.string();
    std::unique_ptr<std::FILE, FileCloser> f(std::fopen(out.file.c_str(), "rb"));
    if (!f) throw PriceBookError(out.file, "", "cannot read the file");
    auto chunks = std::make_unique<ChunkedFile>(f.get());
    OfferSax sax(out, keep);
    Json::sax_parse(ChunkIterator(chunks.get()), ChunkIterator(), &sax);
    if (std::ferror(f.get())) throw PriceBookError(out.file, "", "reading the file failed");

    for (auto& [sku, term] : sax.earlyTerms())
        if (out.products.count(sku)) out.onDemand.emplace(sku, std::move(term));
    const char* hint = " (is this an AWS Price List API offer file, such as "
                       "offers/v1.0/aws/AWSLambda/current/us-east-1/index.json?)";
    for (const auto& [key, value] :
         {std::pair<const char*, const std::string*>{"formatVersion", &out.formatVersion},
          {"offerCode", &out.offerCode},
          {"version", &out.version},
          {"publicationDate", &out.publicationDate}})
        if (value->empty())
            throw PriceBookError(out.file, "", std::string("missing \"") + key + "\"" + hint);
    if (out.formatVersion != "v1.0")
        throw PriceBookError(out.file, "/formatVersion",
                             "format version \"" + out.formatVersion +
                                 "\" is not supported (only \"v1.0\")");
    if (!sax.sawProducts()) throw PriceBookError(out.file, "", std::string("missing \"products\""));
    if (!sax.sawTerms()) throw PriceBookError(out.file, "", std::string("missing \"terms\""));
    return out;
}

} // namespace flowcast::model
