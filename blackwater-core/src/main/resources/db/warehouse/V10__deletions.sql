-- Hard deletes. A row deleted from the source stays in its dimension, because facts may point at
-- it, with deleted_at: when the pipeline saw it gone (NULL while it exists; cleared when the key
-- comes back). A deleted order or payment gets a final fact version, a copy of its last version
-- whose last_updated and deleted_at are when the deletion was seen; the current views leave such
-- facts out, and the fact tables keep the whole history.

ALTER TABLE dim_staff ADD COLUMN deleted_at timestamp;
ALTER TABLE dim_location ADD COLUMN deleted_at timestamp;
ALTER TABLE dim_currency ADD COLUMN deleted_at timestamp;
ALTER TABLE dim_design ADD COLUMN deleted_at timestamp;
ALTER TABLE dim_counterparty ADD COLUMN deleted_at timestamp;
ALTER TABLE dim_payment_type ADD COLUMN deleted_at timestamp;
ALTER TABLE dim_transaction ADD COLUMN deleted_at timestamp;

ALTER TABLE fact_sales_order ADD COLUMN deleted_at timestamp;
ALTER TABLE fact_purchase_order ADD COLUMN deleted_at timestamp;
ALTER TABLE fact_payment ADD COLUMN deleted_at timestamp;

-- The current state: the latest version of each fact, unless that version marks its deletion.
-- (deleted_at joins the views' columns, last.)
CREATE OR REPLACE VIEW fact_sales_order_current AS
  SELECT * FROM (
    SELECT DISTINCT ON (sales_order_id) *
    FROM fact_sales_order
    ORDER BY sales_order_id, last_updated_date DESC, last_updated_time DESC, sales_record_id DESC
  ) latest
  WHERE deleted_at IS NULL;

CREATE OR REPLACE VIEW fact_purchase_order_current AS
  SELECT * FROM (
    SELECT DISTINCT ON (purchase_order_id) *
    FROM fact_purchase_order
    ORDER BY purchase_order_id, last_updated_date DESC, last_updated_time DESC, purchase_record_id DESC
  ) latest
  WHERE deleted_at IS NULL;

CREATE OR REPLACE VIEW fact_payment_current AS
  SELECT * FROM (
    SELECT DISTINCT ON (payment_id) *
    FROM fact_payment
    ORDER BY payment_id, last_updated_date DESC, last_updated_time DESC, payment_record_id DESC
  ) latest
  WHERE deleted_at IS NULL;
