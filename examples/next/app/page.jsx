// A server component; only the button that tracks is a client component.
import { CreateProject } from './create-project';

export const metadata = { title: 'Home · Acme' };

export default function Home() {
  return (
    <>
      <h1 id="title">Home</h1>
      <CreateProject />
    </>
  );
}
