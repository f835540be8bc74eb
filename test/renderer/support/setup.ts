import { configure } from '@testing-library/react';

// findBy*/waitFor give up after one second by default; on a loaded CI machine a real core can
// take longer to answer. They still return as soon as the condition holds.
configure({ asyncUtilTimeout: 15_000 });
