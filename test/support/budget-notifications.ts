/**
 * The notifications every landfall account budget carries (ACTUAL 80% and 100%, FORECASTED 100%), each to the
 * given subscribers, as they appear in the template.
 */
export function expectedBudgetNotifications(subscribers: readonly unknown[]): unknown[] {
  return [
    ['ACTUAL', 80],
    ['ACTUAL', 100],
    ['FORECASTED', 100],
  ].map(([type, threshold]) => ({
    Notification: {
      NotificationType: type,
      ComparisonOperator: 'GREATER_THAN',
      Threshold: threshold,
      ThresholdType: 'PERCENTAGE',
    },
    Subscribers: subscribers,
  }));
}
