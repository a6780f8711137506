/** Test helper: every item of the digest table that matches a filter, read page by page with Scan. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { wrapClient } from '../../../lambdas/adapters/dynamo-digest-store.ts';

export async function scanItems(
  tableName: string,
  filterExpression: string,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const client = wrapClient(new DynamoDBClient({}));
  const items: Record<string, unknown>[] = [];
  try {
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: filterExpression,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  } finally {
    client.destroy();
  }
  return items;
}
