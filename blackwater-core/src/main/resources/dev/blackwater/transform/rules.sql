-- The rules a source value must meet to become a warehouse value, as DuckDB macros: true when the
-- value breaks the rule. Which column of which source table each rule checks is RowCheck's list.
-- A row breaking one fails its batch, or is set aside with --max-rejected-rows (docs/transform.md).

-- A varchar date (totesys keeps agreed and payment dates as 'YYYY-MM-DD' text) that is missing or
-- not a real day.
CREATE MACRO not_a_date(v) AS try_cast(v AS DATE) IS NULL;

-- An amount (unconstrained numeric in totesys, read as its text) that is missing or does not fit
-- the warehouse's numeric(10,2) exactly: it fits when it is a plain decimal number with at most eight
-- integer digits (leading zeros aside) and no non-zero digit past the second decimal. The pattern
-- alone decides, so a value is never rounded, and the model's cast (the one cast of each amount)
-- cannot fail. NaN, Infinity and exponents do not fit.
CREATE MACRO not_numeric_10_2(v) AS
  v IS NULL OR NOT regexp_full_match(v, '[+-]?0*[0-9]{1,8}(\.[0-9]{0,2}0*)?');
