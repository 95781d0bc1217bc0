/** What the account forms accept. Unknown fields (role, isStaff...) are dropped, never assigned. */
import { z } from 'zod';
import { ROLES } from '../../models';
import { nameCharacterProblem, normalizeText } from '../text/names';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1000;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

const text = (label: string) => z.string({ required_error: `${label} is required.`, invalid_type_error: `${label} must be text.` });

/**
 * Form text as a name: NFKC first (what we store and compare), then the character rules of
 * server/text/names.ts. Spaces are refused rather than trimmed: the name is shown as typed.
 */
const nameText = (label: string) =>
  text(label)
    .transform(normalizeText)
    .superRefine((value, context) => {
      // An empty field gets the "required" message below instead.
      const problem = value === '' ? null : nameCharacterProblem(value, label);
      if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem, fatal: true });
    });

export const username = nameText('Username')
  .pipe(
    z
      .string()
      .min(3, 'Username must be at least 3 characters.')
      .max(30, 'Username must be at most 30 characters.')
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Use letters, digits, dots, dashes and underscores, starting with a letter or digit.')
      // Profile addresses ending like this would be read as the JSON or feed of another name.
      .refine((value) => !/\.(json|atom)$/i.test(value), 'A username cannot end with .json or .atom.'),
  );

export const displayName = nameText('Display name').pipe(
  z.string().min(1, 'Display name is required.').max(60, 'Display name must be at most 60 characters.'),
);

export const newPassword = text('Password')
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);

/** An email address as typed (its case kept); compared ignoring case (server/services/emailAddresses.ts). */
export const emailAddress = text('Email address')
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'An email address has at most 254 characters.')
  .email('Enter an email address like name@example.com.')
  .refine((value) => !CONTROL_CHARACTERS.test(value), 'Enter an email address like name@example.com.');

export const registrationForm = z
  .object({
    username,
    displayName,
    email: emailAddress,
    password: newPassword,
    confirmPassword: text('Password confirmation'),
  })
  .refine((form) => form.password === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match.',
  });

export const signInForm = z.object({
  username: text('Username').trim().min(1, 'Enter your username.').max(100),
  password: text('Password').min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH),
});

export const profileSettingsForm = z.object({
  displayName,
  // A checkbox: present when ticked, absent otherwise.
  isPrivate: z.literal('on').optional(),
});

export const passwordChangeForm = z
  .object({
    currentPassword: text('Current password').min(1, 'Enter your current password.').max(MAX_PASSWORD_LENGTH),
    newPassword,
    confirmPassword: text('Password confirmation'),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match.',
  });

export const roleChangeForm = z.object({
  role: z.enum(ROLES, { errorMap: () => ({ message: 'Choose one of the roles.' }) }),
  rankTitle: text('Rank title')
    .trim()
    .max(60, 'Rank title must be at most 60 characters.')
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'Rank title contains characters that cannot be shown.')
    .optional()
    .default(''),
});

export const emailChangeForm = z.object({ email: emailAddress });

export const passwordResetRequestForm = z.object({ email: emailAddress });

export const passwordResetForm = z
  .object({
    token: text('Token').min(1).max(200),
    newPassword,
    confirmPassword: text('Password confirmation'),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match.',
  });
