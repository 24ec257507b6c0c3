UPDATE user_data.data_version SET version = version + 1;
