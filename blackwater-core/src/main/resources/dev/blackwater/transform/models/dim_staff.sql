-- dim_staff: the latest version of each staff member with their department's name and location.
-- Emitted for every staff member changed in this batch and, when a department changed, for every
-- staff member of that department, so a renamed department reaches all of its staff.
-- current.* holds the latest version of every row the transform has seen, this batch included.
SELECT
  s.staff_id,
  s.first_name,
  s.last_name,
  d.department_name,
  d.location,
  s.email_address
FROM current.staff AS s
JOIN current.department AS d ON d.department_id = s.department_id
WHERE s.staff_id IN (SELECT staff_id FROM batch.staff)
   OR s.department_id IN (SELECT department_id FROM batch.department)
