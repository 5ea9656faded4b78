-- Rows of the batch that cannot become warehouse rows: a varchar date that is not a date (or is
-- missing), an amount that is missing or does not fit the warehouse's numeric(10,2) exactly.
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
       'unit_price', CAST(unit_price AS VARCHAR), 'does not fit numeric(10,2)'
FROM batch.sales_order
WHERE unit_price IS NULL OR try_cast(unit_price AS DECIMAL(10,2)) IS DISTINCT FROM unit_price
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
       'item_unit_price', CAST(item_unit_price AS VARCHAR), 'does not fit numeric(10,2)'
FROM batch.purchase_order
WHERE item_unit_price IS NULL OR try_cast(item_unit_price AS DECIMAL(10,2)) IS DISTINCT FROM item_unit_price
UNION ALL
SELECT 'payment', _object, rowid,
       'payment_id=' || payment_id || ' last_updated=' || last_updated,
       'payment_date', payment_date, 'is not a date (YYYY-MM-DD)'
FROM batch.payment WHERE try_cast(payment_date AS DATE) IS NULL
UNION ALL
SELECT 'payment', _object, rowid, 'payment_id=' || payment_id || ' last_updated=' || last_updated,
       'payment_amount', CAST(payment_amount AS VARCHAR), 'does not fit numeric(10,2)'
FROM batch.payment
WHERE payment_amount IS NULL OR try_cast(payment_amount AS DECIMAL(10,2)) IS DISTINCT FROM payment_amount
