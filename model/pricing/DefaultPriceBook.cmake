# Included by model/CMakeLists.txt: embeds the default price book into flowcast_model, so that the
# library and flowcast-cli carry it wherever they run. Rebuilt whenever the JSON file changes.
set(FLOWCAST_PRICE_BOOK_JSON ${CMAKE_CURRENT_LIST_DIR}/aws-us-east-1.prices.json)
set(FLOWCAST_PRICE_BOOK_CPP ${CMAKE_BINARY_DIR}/generated/model/pricing/DefaultPriceBook.cpp)
add_custom_command(
    OUTPUT ${FLOWCAST_PRICE_BOOK_CPP}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${FLOWCAST_PRICE_BOOK_JSON} -DOUTPUT=${FLOWCAST_PRICE_BOOK_CPP}
            -P ${CMAKE_CURRENT_LIST_DIR}/EmbedFile.cmake
    DEPENDS ${FLOWCAST_PRICE_BOOK_JSON} ${CMAKE_CURRENT_LIST_DIR}/EmbedFile.cmake
    COMMENT "Embedding the default price book"
    VERBATIM)
target_sources(flowcast_model PRIVATE
    ${FLOWCAST_PRICE_BOOK_CPP}
    ${CMAKE_CURRENT_LIST_DIR}/OfferImport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/OfferReader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/OfferRules.cpp
    ${CMAKE_CURRENT_LIST_DIR}/PriceBook.cpp
    ${CMAKE_CURRENT_LIST_DIR}/PriceFormat.cpp
    ${CMAKE_CURRENT_LIST_DIR}/PriceItem.cpp
    ${CMAKE_CURRENT_LIST_DIR}/PriceItemReader.cpp)
