-- Rows of the batch that cannot become warehouse rows: a varchar date that is not a date (or is
-- missing), an amount that is missing or does not fit the warehouse's numeric(10,2) exactly.
-- Amounts arrive as PostgreSQL's text of a numeric (sources.sql). One fits when it is a plain
-- decimal number with at most eight integer digits (leading zeros aside) and no non-zero digit past
-- the second decimal: the pattern alone decides, so a value is never rounded, and the model's cast
-- (the one cast of each amount) cannot fail. NaN, Infinity and exponents do not fit.
-- One result row per problem: the source table, the ingestion object it came from (_object), the
-- row (its rowid in the batch table, to set it aside, and its key for people), the column, the
-- value and the problem. The transform fails the batch on such rows, or sets up to
-- --max-rejected-rows of them aside in a rejected-rows object (see docs/transform.md).

SELECT 'sales_order' AS source_table, _object, rowid AS row_id,
       'sales_order_id=' || sales_order_id || ' last_updated=' || last_updated AS row_key,
       'agreed_delivery_date' AS column_name, agreed_delivery_date AS value, 'is not a date (YYYY-MM-DD)' AS problem
FROM batch.sales_order WHERE try_cast(agreed_delivery_date AS DATE) IS NULL
UNION ALL
SELECT 'sales_order', _object, rowid,
       'sales_order_id=' || sales_order_id || ' last_updated=' || last_updated,
       'agreed_payment_date', agreed_payment_date, 'is not a date (YYYY-MM-DD)'
FROM batch.sales_order WHERE try_cast(agreed_payment_date AS DATE) IS NULL
UNION ALL
SELECT 'sales_order', _object, rowid, 'sales_order_id=' || sales_order_id || ' last_updated=' || last_updated,
       'unit_price', unit_price, 'does not fit numeric(10,2)'
FROM batch.sales_order
WHERE unit_price IS NULL OR NOT regexp_full_match(unit_price, '[+-]?0*[0-9]{1,8}(\.[0-9]{0,2}0*)?')
UNION ALL
SELECT 'purchase_order', _object, rowid,
       'purchase_order_id=' || purchase_order_id || ' last_updated=' || last_updated,
       'agreed_delivery_date', agreed_delivery_date, 'is not a date (YYYY-MM-DD)'
FROM batch.purchase_order WHERE try_cast(agreed_delivery_date AS DATE) IS NULL
UNION ALL
SELECT 'purchase_order', _object, rowid,
       'purchase_order_id=' || purchase_order_id || ' last_updated=' || last_updated,
       'agreed_payment_date', agreed_payment_date, 'is not a date (YYYY-MM-DD)'
FROM batch.purchase_order WHERE try_cast(agreed_payment_date AS DATE) IS NULL
UNION ALL
SELECT 'purchase_order', _object, rowid, 'purchase_order_id=' || purchase_order_id || ' last_updated=' || last_updated,
       'item_unit_price', item_unit_price, 'does not fit numeric(10,2)'
FROM batch.purchase_order
WHERE item_unit_price IS NULL OR NOT regexp_full_match(item_unit_price, '[+-]?0*[0-9]{1,8}(\.[0-9]{0,2}0*)?')
UNION ALL
SELECT 'payment', _object, rowid,
       'payment_id=' || payment_id || ' last_updated=' || last_updated,
       'payment_date', payment_date, 'is not a date (YYYY-MM-DD)'
FROM batch.payment WHERE try_cast(payment_date AS DATE) IS NULL
UNION ALL
SELECT 'payment', _object, rowid, 'payment_id=' || payment_id || ' last_updated=' || last_updated,
       'payment_amount', payment_amount, 'does not fit numeric(10,2)'
FROM batch.payment
WHERE payment_amount IS NULL OR NOT regexp_full_match(payment_amount, '[+-]?0*[0-9]{1,8}(\.[0-9]{0,2}0*)?')
