SELECT antaganden FROM user_data.scenarios WHERE namn = ?;
