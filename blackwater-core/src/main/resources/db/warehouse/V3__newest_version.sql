-- The newest last_updated among the facts each batch loaded, so that the warehouse's newest version
-- (and so its freshness lag, read after every load) is one small read, not a scan of every fact.
-- Null for a batch without facts. The last batch loaded before this column existed gets the newest
-- version of all the facts loaded until then, so the newest over all batches is the facts' newest.

ALTER TABLE blackwater_loaded_batch ADD COLUMN newest_version timestamp;

UPDATE blackwater_loaded_batch
SET newest_version = (
  SELECT max(v) FROM (
    SELECT max(last_updated_date + last_updated_time) AS v FROM fact_sales_order
    UNION ALL SELECT max(last_updated_date + last_updated_time) FROM fact_purchase_order
    UNION ALL SELECT max(last_updated_date + last_updated_time) FROM fact_payment
  ) facts)
WHERE batch_id = (
  SELECT batch_id FROM blackwater_loaded_batch ORDER BY loaded_at DESC, batch_id DESC LIMIT 1);
