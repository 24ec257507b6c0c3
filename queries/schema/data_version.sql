-- The version of the data a reader sees: the embedded data's hash and the count of writes
-- to user_data.
SELECT b.data_hash || ':' || v.version FROM embedded.build_info b, user_data.data_version v;
