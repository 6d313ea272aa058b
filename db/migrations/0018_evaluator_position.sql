ALTER TABLE `poc_evaluators` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The team's order was the rows' insertion order (rowid), which PostgreSQL does not have: it is
-- now a column. The lead first, then the others as they were added.
UPDATE `poc_evaluators` SET `position` = (
  SELECT count(*) FROM `poc_evaluators` AS `e`
  WHERE `e`.`poc_id` = `poc_evaluators`.`poc_id`
    AND ((`e`.`role` = 'lead') > (`poc_evaluators`.`role` = 'lead')
      OR ((`e`.`role` = 'lead') = (`poc_evaluators`.`role` = 'lead') AND `e`.`rowid` < `poc_evaluators`.`rowid`))
);
