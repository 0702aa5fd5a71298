-- Run once by the postgres image on its first start: the Tenure store's own database.
CREATE DATABASE tenure;
