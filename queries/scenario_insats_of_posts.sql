SELECT post, insats_id FROM insats_posts WHERE forbund = $forbund;
