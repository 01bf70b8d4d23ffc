#include "app/cli/CliCommon.h"

#include "model/asl/AslWriter.h"
#include "model/pricing/OfferImport.h"
#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"

#include <iostream>
#include <sstream>

namespace flowcast::cli {

const char* const kPricesHelp =
    R"(Usage: flowcast-cli prices import OFFER.json [OFFER2.json ...] [--region REGION] [-o FILE]
                             [--json]

Reads AWS Price List API bulk offer files and writes a price-book override file for
--price-book: for every item of the built-in book an offer covers, the offer's on-demand price
(volume tiers included) in the book's unit, with the offer code, version and publication date
as its source and the price's effective date as the book's as-of date. Free tiers, rounding and
minimums stay the built-in book's. Offers it reads: AWSLambda, AmazonStates, AWSGlue,
AmazonAthena, AmazonEC2 (Linux, shared tenancy), ElasticMapReduce, AmazonS3, AmazonDynamoDB,
AmazonSNS, AWSQueueService, AmazonKinesis, AmazonSageMaker. Download them from
  https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offerCode>/current/<region>/index.json
Files are read as a stream: EC2's multi-gigabyte offer is not held in memory.

Options:
  --region REGION   the region whose products are taken (default: us-east-1, the built-in
                    book's); products are matched by "regionCode" or "location"
  -o FILE           write the price book to FILE (atomically) and the summary to standard
                    output; without -o the price book goes to standard output and the summary
                    to standard error
  --json            print the summary as JSON (with the price book in "priceBook" when there
                    is no -o)
  -h, --help        show this help

Exit status: 0 imported, 1 an offer is unreadable, malformed or unknown (the message names the
file and the JSON Pointer) or holds no price of the region, 2 usage error.
)";

namespace {

std::string priceText(const model::ImportedPrice& p, const model::PriceItem& item) {
    const std::string per = item.per == 1 ? item.unit
                                          : model::formatQuantity(item.per) + " " +
                                                model::unitLabel(item.unit, item.per);
    std::string text = model::formatUnitPrice(p.tiers.front().price) + " per " + per;
    if (p.tiers.size() > 1) text += " (" + std::to_string(p.tiers.size()) + " tiers)";
    if (p.freeQuantity)
        text += ", " + model::formatQuantity(*p.freeQuantity) + " " +
                model::unitLabel(item.unit, *p.freeQuantity) + " free";
    return text + (p.changed ? "  changed" : "");
}

std::string joined(const std::vector<std::string>& ids) {
    std::string s;
    for (const std::string& id : ids)
        s += (s.empty() ? "" : ", ") + id;
    return s;
}

std::string summaryText(const model::OfferImport& r, const model::PriceBook& book) {
    std::ostringstream out;
    out << "Imported " << r.importedCount() << " prices for " << r.region << ", as of " << r.asOf
        << " (\"changed\": differs from the built-in book):\n";
    for (const model::OfferSummary& o : r.offers) {
        out << "  " << o.offerCode << " " << o.version << ", published " << o.publicationDate
            << " (" << o.file << ", " << o.products << " products)\n";
        for (const model::ImportedPrice& p : o.imported)
            out << "    " << p.id << std::string(p.id.size() < 36 ? 36 - p.id.size() : 1, ' ')
                << priceText(p, book.at(p.id)) << "\n";
        if (!o.notInOffer.empty()) out << "    not in this offer: " << joined(o.notInOffer) << "\n";
    }
    if (!r.noOffer.empty()) {
        out << "Not imported, no offer given:\n";
        for (const auto& group : r.noOffer)
            out << "  " << group.first << ": " << joined(group.second) << "\n";
    }
    if (!r.notImportable.empty())
        out << "Not read from any offer (built-in prices kept): " << joined(r.notImportable)
            << "\n";
    return out.str();
}

model::Json summaryJson(const model::OfferImport& r) {
    model::Json offers = model::Json::array();
    for (const model::OfferSummary& o : r.offers) {
        model::Json imported = model::Json::array();
        for (const model::ImportedPrice& p : o.imported)
            imported.push_back({{"id", p.id},
                                {"sku", p.sku},
                                {"effectiveDate", p.effectiveDate},
                                {"changed", p.changed}});
        offers.push_back({{"file", o.file},
                          {"offerCode", o.offerCode},
                          {"version", o.version},
                          {"publicationDate", o.publicationDate},
                          {"products", o.products},
                          {"imported", std::move(imported)},
                          {"notInOffer", o.notInOffer}});
    }
    model::Json noOffer = model::Json::object();
    for (const auto& group : r.noOffer)
        noOffer[group.first] = group.second;
    return {{"region", r.region},
            {"asOf", r.asOf},
            {"imported", r.importedCount()},
            {"offers", std::move(offers)},
            {"noOffer", std::move(noOffer)},
            {"notImportable", r.notImportable}};
}

int runImport(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    std::string region, output;
    bool json = false;
    OptionSpec spec;
    spec.valued = {{"--region", &region}, {"-o", &output}};
    spec.flags = {{"--json", &json}};
    spec.positionals = &files;
    spec.help = kPricesHelp;
    if (auto stop = scanOptions("prices import", args, spec)) return *stop;
    if (files.empty()) return usageError("prices import", "give the offer files to import");

    const model::PriceBook& book = model::PriceBook::defaults();
    if (region.empty()) region = book.region();
    model::OfferImport result;
    try {
        std::vector<std::filesystem::path> paths(files.begin(), files.end());
        result = model::OfferImporter(book, region).run(paths);
    } catch (const model::PriceBookError& e) {
        std::cerr << e.what() << "\n";
        return kFailed;
    }
    if (result.importedCount() == 0) {
        std::cerr << "flowcast-cli prices import: the offers hold no price of the book's items in "
                  << region
                  << " (products are matched by \"regionCode\" or \"location\"; see --region)\n";
        return kFailed;
    }
    const std::string bookText = result.priceBook.dump(2) + "\n";
    if (!output.empty()) {
        if (auto err = model::AslWriter::writeFileAtomically(output, bookText); !err.empty()) {
            std::cerr << "flowcast-cli prices import: " << err << "\n";
            return kFailed;
        }
    }
    model::Json summary = summaryJson(result);
    summary["output"] = output.empty() ? model::Json(nullptr) : model::Json(output);
    if (json) {
        if (output.empty()) summary["priceBook"] = result.priceBook;
        std::cout << summary.dump(2) << "\n";
        return kOk;
    }
    if (output.empty()) {
        std::cout << bookText;
        std::cerr << summaryText(result, book);
    } else {
        std::cout << summaryText(result, book) << "Wrote " << output
                  << "; price with it: flowcast-cli compare --price-book " << output << " ...\n";
    }
    return kOk;
}

} // namespace

int runPrices(const std::vector<std::string>& args) {
    if (args.empty()) return usageError("prices", "give a subcommand: import");
    if (isHelpFlag(args.front())) {
        std::cout << kPricesHelp;
        return kOk;
    }
    if (args.front() == "import")
        return runImport(std::vector<std::string>(args.begin() + 1, args.end()));
    return usageError("prices", "unknown subcommand '" + args.front() + "' (known: import)");
}

} // namespace flowcast::cli
