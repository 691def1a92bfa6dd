// Admin: paired guns (unpair with a reason), the gun connected now, pairing a new one.
import { useState } from 'react';
import type { PairedGunView } from '../../electron/contract/gun.js';
import { useApi, useLoad } from '../api/hooks.js';
import { useGun } from '../gun.js';
import { PairGun } from '../components/PairGun.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, ReasonDialog, Screen, buttonColumn, type Column } from '../kit/index.js';

function gunColumns(t: Translate, f: Format, unpair: (serial: string) => void): Column<PairedGunView>[] {
  return [
    {
      id: 'serial',
      header: t('admin.guns.serial'),
      sort: (g) => g.serial,
      cell: (g) => (
        <>
          {g.serial} {g.connected && <span className="pill ok">{t('admin.guns.connected')}</span>}
        </>
      ),
    },
    { id: 'model', header: t('admin.guns.model'), cell: (g) => g.model || '—' },
    { id: 'firmware', header: t('admin.guns.firmware'), cell: (g) => g.firmware || '—' },
    { id: 'paired', header: t('admin.guns.paired'), cell: (g) => f.dateTime(g.pairedAt), sort: (g) => g.pairedAt },
    { id: 'seen', header: t('admin.guns.lastSeen'), cell: (g) => f.dateTime(g.lastSeenAt), sort: (g) => g.lastSeenAt },
    buttonColumn({ header: t('admin.actions'), label: t('admin.guns.unpair'), onClick: (g) => unpair(g.serial) }),
  ];
}

export function GunsScreen() {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const paired = useLoad('gun.paired', {});
  const gun = useGun();
  const [forget, setForget] = useState<string | null>(null);
  return (
    <Screen title={t('route.guns')}>
      <Card title={t('admin.guns.pairedTitle')} titleId="pg-title" flat>
        <DataTable caption={t('admin.guns.pairedTitle')} columns={gunColumns(t, f, setForget)} rows={paired.data} rowKey={(g) => g.serial} empty={t('admin.guns.none')} />
      </Card>
      <Card title={t('admin.guns.pairTitle')} titleId="pair-title">
        <PairGun onPaired={paired.reload} />
        {gun && <p className="muted small">{t('admin.guns.source', { source: gun.source })}</p>}
      </Card>
      {forget && (
        <ReasonDialog
          title={t('admin.guns.unpairTitle', { serial: forget })}
          tone="warn"
          confirm={{ label: t('admin.guns.unpair'), danger: true }}
          reasonLabel={t('admin.reason')}
          cancelLabel={t('admin.cancel')}
          onConfirm={(reason) => api.call('settings.forgetGun', { serial: forget, reason })}
          onClose={() => setForget(null)}
          onDone={paired.reload}
        >
          <p>{t('admin.guns.unpairBody')}</p>
        </ReasonDialog>
      )}
    </Screen>
  );
}
