SELECT namn, skapad, andrad, antaganden FROM user_data.scenarios ORDER BY andrad DESC, namn;
