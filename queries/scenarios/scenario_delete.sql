DELETE FROM user_data.scenarios WHERE namn = ?;
