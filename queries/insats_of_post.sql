SELECT insats_id FROM insats_posts WHERE forbund = $forbund AND post = $post;
