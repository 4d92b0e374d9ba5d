// A server component; the buttons that track are a client component.
import { ReportActions } from './report-actions';

export const metadata = { title: 'Reports · Acme' };

export default function Reports() {
  return (
    <>
      <h1 id="title">Reports</h1>
      <ReportActions />
    </>
  );
}
