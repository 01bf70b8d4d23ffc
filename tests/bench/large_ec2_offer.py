#!/usr/bin/env python3
"""Writes a large synthetic EC2 offer in the AWS Price List API format, for measuring
`flowcast-cli prices import` on a file the size of the real one (issue 4, section 1).

Real EC2 offers are gigabytes: hundreds of thousands of products (every instance type, operating
system, tenancy, licence, capacity status and region) and, per product, one on-demand term and a
dozen reserved ones. This writes products first and terms after, as AWS does, streaming, so that
it needs no memory itself. The book's m5/r5 types exist once as Linux, shared tenancy, in
us-east-1, so that the import finds them among the rest. Not AWS data: sizes and prices are made up.

    python3 tests/bench/large_ec2_offer.py --megabytes 2000 /tmp/ec2-large.json
"""
import argparse
import itertools
import os

REGIONS = [("us-east-1", "US East (N. Virginia)", "USE1"), ("us-east-2", "US East (Ohio)", "USE2"),
           ("us-west-2", "US West (Oregon)", "USW2"), ("eu-west-1", "EU (Ireland)", "EU"),
           ("eu-central-1", "EU (Frankfurt)", "EUC1"), ("ap-northeast-1", "Asia Pacific (Tokyo)", "APN1"),
           ("ap-southeast-2", "Asia Pacific (Sydney)", "APS2"), ("sa-east-1", "South America (Sao Paulo)", "SAE1")]
FAMILIES = ["m5", "m6i", "m7g", "r5", "r6i", "c5", "c6g", "c7i", "t3", "i4i", "x2idn", "g5"]
SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]
SYSTEMS = ["Linux", "Windows", "RHEL", "SUSE", "Ubuntu Pro"]
TENANCY = ["Shared", "Dedicated", "Host"]
SOFTWARE = ["NA", "SQL Std", "SQL Web", "SQL Ent"]
CAPACITY = ["Used", "UnusedCapacityReservation", "AllocatedCapacityReservation"]
BOOK = {"m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge", "r5.xlarge", "r5.2xlarge", "r5.4xlarge"}


def sku(n):
    letters = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    out = []
    for _ in range(16):
        n, r = divmod(n * 7919 + 13, len(letters))
        out.append(letters[r])
    return "".join(out)


def combos():
    for i, (region, system, tenancy, software, capacity, family, size) in enumerate(
            itertools.product(REGIONS, SYSTEMS, TENANCY, SOFTWARE, CAPACITY, FAMILIES, SIZES)):
        yield i, region, system, tenancy, software, capacity, f"{family}.{size}"


def product(i, region, system, tenancy, software, capacity, itype, copy):
    code, location, prefix = region
    return (f'    "{sku(i * 100 + copy)}" : {{\n      "sku" : "{sku(i * 100 + copy)}",\n'
            f'      "productFamily" : "Compute Instance",\n      "attributes" : {{\n'
            f'        "servicecode" : "AmazonEC2",\n        "location" : "{location}",\n'
            f'        "locationType" : "AWS Region",\n        "instanceType" : "{itype}",\n'
            f'        "currentGeneration" : "Yes",\n        "instanceFamily" : "General purpose",\n'
            f'        "vcpu" : "4",\n        "physicalProcessor" : "Intel Xeon Platinum 8175",\n'
            f'        "clockSpeed" : "3.1 GHz",\n        "memory" : "16 GiB",\n'
            f'        "storage" : "EBS only",\n        "networkPerformance" : "Up to 10 Gigabit",\n'
            f'        "processorArchitecture" : "64-bit",\n        "tenancy" : "{tenancy}",\n'
            f'        "operatingSystem" : "{system}",\n        "licenseModel" : "No License required",\n'
            f'        "usagetype" : "{prefix}-BoxUsage:{itype}",\n        "operation" : "RunInstances:{copy:04d}",\n'
            f'        "availabilityzone" : "NA",\n        "capacitystatus" : "{capacity}",\n'
            f'        "classicnetworkingsupport" : "false",\n        "dedicatedEbsThroughput" : "Up to 2120 Mbps",\n'
            f'        "ecu" : "16",\n        "enhancedNetworkingSupported" : "Yes",\n'
            f'        "intelAvxAvailable" : "Yes",\n        "intelAvx2Available" : "Yes",\n'
            f'        "intelTurboAvailable" : "Yes",\n        "marketoption" : "OnDemand",\n'
            f'        "normalizationSizeFactor" : "8",\n        "preInstalledSw" : "{software}",\n'
            f'        "processorFeatures" : "Intel AVX, Intel AVX2, Intel AVX512, Intel Turbo",\n'
            f'        "regionCode" : "{code}",\n        "servicename" : "Amazon Elastic Compute Cloud",\n'
            f'        "vpcnetworkingsupport" : "true"\n      }}\n    }}')


def term(s, code, price, unit="Hrs", reserved=None):
    attrs = ('{ }' if not reserved else
             f'{{\n          "LeaseContractLength" : "{reserved[0]}",\n'
             f'          "OfferingClass" : "{reserved[1]}",\n          "PurchaseOption" : "{reserved[2]}"\n        }}')
    return (f'      "{s}.{code}" : {{\n        "offerTermCode" : "{code}",\n        "sku" : "{s}",\n'
            f'        "effectiveDate" : "2026-11-01T00:00:00Z",\n        "priceDimensions" : {{\n'
            f'          "{s}.{code}.6YS6EN2CT7" : {{\n            "rateCode" : "{s}.{code}.6YS6EN2CT7",\n'
            f'            "description" : "${price} per On Demand Linux instance hour",\n'
            f'            "beginRange" : "0",\n            "endRange" : "Inf",\n            "unit" : "{unit}",\n'
            f'            "pricePerUnit" : {{\n              "USD" : "{price}"\n            }},\n'
            f'            "appliesTo" : [ ]\n          }}\n        }},\n        "termAttributes" : {attrs}\n      }}')


RESERVED = [(f"{length}", cls, opt) for length in ("1yr", "3yr") for cls in ("standard", "convertible")
            for opt in ("No Upfront", "Partial Upfront", "All Upfront")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output")
    parser.add_argument("--megabytes", type=int, default=2000)
    args = parser.parse_args()
    target = args.megabytes * 1_000_000
    per_product = 1_300 + 1_000 * (1 + len(RESERVED))  # bytes, about
    count = max(1, target // per_product)
    rows = []
    with open(args.output, "w") as f:
        f.write('{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "Synthetic offer for a benchmark; not AWS data.",\n'
                '  "offerCode" : "AmazonEC2",\n  "version" : "20261113200418",\n'
                '  "publicationDate" : "2026-11-13T20:04:18Z",\n  "products" : {\n')
        first = True
        for copy in itertools.count():
            for i, region, system, tenancy, software, capacity, itype in combos():
                if len(rows) >= count:
                    break
                book = (region[0] == "us-east-1" and system == "Linux" and tenancy == "Shared"
                        and software == "NA" and capacity == "Used" and itype in BOOK)
                if book and copy > 0:
                    continue  # the book's products exist once
                if not first:
                    f.write(",\n")
                first = False
                f.write(product(i, region, system, tenancy, software, capacity, itype, copy))
                rows.append((sku(i * 100 + copy), itype))
            if len(rows) >= count:
                break
        f.write('\n  },\n  "terms" : {\n    "OnDemand" : {\n')
        for n, (s, itype) in enumerate(rows):
            f.write((",\n" if n else "") + f'    "{s}" : {{\n' + term(s, "JRTCKXETXF", "0.0960000000") + "\n    }")
        f.write('\n    },\n    "Reserved" : {\n')
        for n, (s, itype) in enumerate(rows):
            terms = ",\n".join(term(s, f"R{k:09d}", "0.0600000000", reserved=r) for k, r in enumerate(RESERVED))
            f.write((",\n" if n else "") + f'    "{s}" : {{\n' + terms + "\n    }")
        f.write("\n    }\n  }\n}\n")
    print(f"{args.output}: {len(rows)} products, {os.path.getsize(args.output) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
