-- What to do about each denial category: a one-line fix in our own words (warehouse/reference/denial_category.csv),
-- which the denial pattern finder prints beside the category's owning team.
ALTER TABLE ref_denial_category ADD COLUMN fix VARCHAR;
