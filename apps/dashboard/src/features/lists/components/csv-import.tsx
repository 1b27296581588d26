import { Button, Card, Code, FileInput, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useImportContactsCsv } from '../api/import-contacts-csv';
import { ImportResultSummary } from './import-result';

/** The API's own limit (csv-body.ts): a larger file is refused before it is read. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** Uploads a CSV into the list with a progress bar, then shows what the import did. */
export function CsvImport({ ws, listId }: { ws: string; listId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState(0);
  const importCsv = useImportContactsCsv(ws, listId, setUploaded);
  const tooLarge = file !== null && file.size > MAX_CSV_BYTES;

  const start = () => {
    if (!file) return;
    setUploaded(0);
    importCsv.mutate(file);
  };

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Import from CSV
        </Title>
        <Text size="sm" c="dimmed">
          A header row with an <Code>email</Code> column; <Code>first_name</Code> and <Code>last_name</Code> are optional and every other
          column becomes an attribute. UTF-8, at most 5 MB. Existing contacts keep what a blank cell leaves out; everyone imported joins
          this list.
        </Text>
        <Group align="flex-end">
          <FileInput
            label="CSV file"
            accept=".csv,text/csv"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              importCsv.reset();
            }}
            error={tooLarge ? 'The file is larger than 5 MB; split it and import each part' : undefined}
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
            w={360}
          />
          <Button onClick={start} disabled={!file || tooLarge} loading={importCsv.isPending}>
            Import
          </Button>
        </Group>
        {importCsv.isPending && (
          <Stack gap={4}>
            <Progress value={uploaded * 100} striped={uploaded === 1} animated={uploaded === 1} aria-label="Upload progress" />
            <Text size="sm" c="dimmed" aria-live="polite">
              {uploaded < 1 ? `Uploading… ${Math.round(uploaded * 100)}%` : 'Uploaded; importing the rows…'}
            </Text>
          </Stack>
        )}
        <ErrorAlert error={importCsv.error} title="Nothing was imported" />
        {importCsv.data && <ImportResultSummary result={importCsv.data} />}
      </Stack>
    </Card>
  );
}
