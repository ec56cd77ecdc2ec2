// The only module that talks to Rust. Every command the window may call is here,
// typed with the bindings generated from the Rust types; a failure arrives as an
// `ApiFailure` carrying `{kind, message, field?}`.
import { invoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  AppState,
  CreateGroupRequest,
  ErrorKind,
  GroupCreated,
  GroupHome,
  LoadDemoRequest,
  MeetingView,
  OrganisationView,
  PersonView,
  RecoverRequest,
} from './bindings';

export class ApiFailure extends Error {
  readonly kind: ErrorKind;
  readonly field?: string;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.kind = error.kind;
    this.field = error.field;
  }
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isApiError(error)) throw new ApiFailure(error);
    throw new ApiFailure({ kind: 'internal', message: String(error) });
  }
}

export const api = {
  appState: () => call<AppState>('app_state'),
  createGroup: (request: CreateGroupRequest) => call<GroupCreated>('create_group', { request }),
  loadDemo: (request: LoadDemoRequest) => call<GroupCreated>('load_demo', { request }),
  recover: (request: RecoverRequest) => call<AppState>('recover', { request }),
  groupHome: (groupId: number) => call<GroupHome>('group_home', { groupId }),
  people: (groupId: number) => call<PersonView[]>('list_people', { groupId }),
  organisations: (groupId: number) => call<OrganisationView[]>('list_organisations', { groupId }),
  meetings: (groupId: number) => call<MeetingView[]>('list_meetings', { groupId }),
};
