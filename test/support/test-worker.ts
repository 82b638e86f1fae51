import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../../src/config/app-config';
import { WorkerModule } from '../../src/worker.module';

/** The settings of `config` as environment variables (for a worker in a child process). */
export function configEnvironment(config: AppConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}

/** The real worker in this process, on the test app's database, Redis prefix and SMTP sink. */
export async function startInProcessWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.register(config), { logger: false });
  await worker.init();
  return worker;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process ended. */
  exited: Promise<number | null>;
}

/** The built worker (`dist/src/worker.js`) as a child process, so a test can SIGKILL or SIGTERM it. */
export async function startWorkerProcess(config: AppConfig): Promise<WorkerProcess> {
  const child = fork(join(__dirname, '..', '..', 'src', 'worker.js'), [], {
    env: { ...process.env, ...configEnvironment(config), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

/** Waits until `check` answers true (polling), or fails with `what`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
