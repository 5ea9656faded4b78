-- The inputs of the transform models: schema "batch" holds the row versions of one ingestion batch,
-- one table per totesys table, with the columns the models use. Each object of the ingestion batch
-- is read with the column types its manifest records and inserted here by name; a table the batch
-- does not have (no changes, or not extracted) stays empty. _object numbers the ingestion object a
-- row came from, to name it when the row is rejected.
-- The amounts (unconstrained numeric in totesys) are kept as their text, never rounded: rules.sql
-- rejects one that does not fit the warehouse's numeric(10,2) exactly, the models cast the rest.

CREATE SCHEMA batch;

CREATE TABLE batch.address (
  address_id     INTEGER,
  address_line_1 VARCHAR,
  address_line_2 VARCHAR,
  district       VARCHAR,
  city           VARCHAR,
  postal_code    VARCHAR,
  country        VARCHAR,
  phone          VARCHAR,
  created_at     TIMESTAMP,
  last_updated   TIMESTAMP,
  _object        INTEGER
);

CREATE TABLE batch.counterparty (
  counterparty_id         INTEGER,
  counterparty_legal_name VARCHAR,
  legal_address_id        INTEGER,
  commercial_contact      VARCHAR,
  delivery_contact        VARCHAR,
  created_at              TIMESTAMP,
  last_updated            TIMESTAMP,
  _object                 INTEGER
);

CREATE TABLE batch.currency (
  currency_id   INTEGER,
  currency_code VARCHAR,
  created_at    TIMESTAMP,
  last_updated  TIMESTAMP,
  _object       INTEGER
);

CREATE TABLE batch.department (
  department_id   INTEGER,
  department_name VARCHAR,
  location        VARCHAR,
  manager         VARCHAR,
  created_at      TIMESTAMP,
  last_updated    TIMESTAMP,
  _object         INTEGER
);

CREATE TABLE batch.design (
  design_id     INTEGER,
  created_at    TIMESTAMP,
  design_name   VARCHAR,
  file_location VARCHAR,
  file_name     VARCHAR,
  last_updated  TIMESTAMP,
  _object       INTEGER
);

CREATE TABLE batch.staff (
  staff_id      INTEGER,
  first_name    VARCHAR,
  last_name     VARCHAR,
  department_id INTEGER,
  email_address VARCHAR,
  created_at    TIMESTAMP,
  last_updated  TIMESTAMP,
  _object       INTEGER
);

CREATE TABLE batch.sales_order (
  sales_order_id              INTEGER,
  created_at                  TIMESTAMP,
  last_updated                TIMESTAMP,
  design_id                   INTEGER,
  staff_id                    INTEGER,
  counterparty_id             INTEGER,
  units_sold                  INTEGER,
  unit_price                  VARCHAR,
  currency_id                 INTEGER,
  agreed_delivery_date        VARCHAR,
  agreed_payment_date         VARCHAR,
  agreed_delivery_location_id INTEGER,
  _object                     INTEGER
);

CREATE TABLE batch.purchase_order (
  purchase_order_id           INTEGER,
  created_at                  TIMESTAMP,
  last_updated                TIMESTAMP,
  staff_id                    INTEGER,
  counterparty_id             INTEGER,
  item_code                   VARCHAR,
  item_quantity               INTEGER,
  item_unit_price             VARCHAR,
  currency_id                 INTEGER,
  agreed_delivery_date        VARCHAR,
  agreed_payment_date         VARCHAR,
  agreed_delivery_location_id INTEGER,
  _object                     INTEGER
);

CREATE TABLE batch.payment_type (
  payment_type_id   INTEGER,
  payment_type_name VARCHAR,
  created_at        TIMESTAMP,
  last_updated      TIMESTAMP,
  _object           INTEGER
);

CREATE TABLE batch."transaction" (
  transaction_id    INTEGER,
  transaction_type  VARCHAR,
  sales_order_id    INTEGER,
  purchase_order_id INTEGER,
  created_at        TIMESTAMP,
  last_updated      TIMESTAMP,
  _object           INTEGER
);

-- company_ac_number and counterparty_ac_number are not read: fact_payment drops them.
CREATE TABLE batch.payment (
  payment_id      INTEGER,
  created_at      TIMESTAMP,
  last_updated    TIMESTAMP,
  transaction_id  INTEGER,
  counterparty_id INTEGER,
  payment_amount  VARCHAR,
  currency_id     INTEGER,
  payment_type_id INTEGER,
  paid            BOOLEAN,
  payment_date    VARCHAR,
  _object         INTEGER
);
