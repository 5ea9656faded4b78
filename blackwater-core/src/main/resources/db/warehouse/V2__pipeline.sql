-- What the pipeline needs beside the published schema: the bookkeeping of loaded batches, a unique
-- key on a fact version, views of the current state of each fact, and indexes for BI joins.

CREATE TABLE blackwater_loaded_batch (
  batch_id        varchar     PRIMARY KEY,   -- the processed batch
  source_batch    varchar     NOT NULL,      -- the ingestion batch it was made from
  loaded_at       timestamptz NOT NULL DEFAULT now(),
  rows_per_table  jsonb       NOT NULL,
  code_version    varchar     NOT NULL
);

-- A fact version is its natural id plus last_updated: loading it twice is a no-op.
ALTER TABLE fact_sales_order
  ADD CONSTRAINT fact_sales_order_version UNIQUE (sales_order_id, last_updated_date, last_updated_time);
ALTER TABLE fact_purchase_order
  ADD CONSTRAINT fact_purchase_order_version UNIQUE (purchase_order_id, last_updated_date, last_updated_time);
ALTER TABLE fact_payment
  ADD CONSTRAINT fact_payment_version UNIQUE (payment_id, last_updated_date, last_updated_time);

-- The current state: the latest version of each fact.
CREATE VIEW fact_sales_order_current AS
  SELECT DISTINCT ON (sales_order_id) *
  FROM fact_sales_order
  ORDER BY sales_order_id, last_updated_date DESC, last_updated_time DESC, sales_record_id DESC;

CREATE VIEW fact_purchase_order_current AS
  SELECT DISTINCT ON (purchase_order_id) *
  FROM fact_purchase_order
  ORDER BY purchase_order_id, last_updated_date DESC, last_updated_time DESC, purchase_record_id DESC;

CREATE VIEW fact_payment_current AS
  SELECT DISTINCT ON (payment_id) *
  FROM fact_payment
  ORDER BY payment_id, last_updated_date DESC, last_updated_time DESC, payment_record_id DESC;

-- The usual BI access paths. Facts join their (small) dimensions by hash joins, which need no
-- index on the fact side; what does is filtering facts by time, and finding one fact's versions
-- (the version keys above lead with the natural id). Every extra index costs every load.
CREATE INDEX fact_sales_order_created_date ON fact_sales_order (created_date);
CREATE INDEX fact_purchase_order_created_date ON fact_purchase_order (created_date);
CREATE INDEX fact_payment_created_date ON fact_payment (created_date);
CREATE INDEX fact_payment_payment_date ON fact_payment (payment_date);
