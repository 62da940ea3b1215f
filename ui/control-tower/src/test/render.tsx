import type { ReactElement } from 'react';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import { theme } from '../theme';

export const renderWithTheme = (ui: ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);
