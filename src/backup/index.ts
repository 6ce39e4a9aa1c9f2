/** Backups: the public surface of the domain. */
export { BackupService, BackupError, PID_FILE, type BackupDeps, type Verification, type Manifest } from './backup-service';
export { BackupRepository } from './backup-repository';
