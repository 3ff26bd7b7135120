import { Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from './api';
import { CORE_TEXT } from './core.text';
import { useText } from './language';
import { IDLE_LOGOUT_MS, IDLE_WARNING_MS, session } from './session';

const ACTIVITY = ['keydown', 'mousedown', 'touchstart'] as const;

/**
 * Warns after 28 idle minutes and signs her out at 30; any key or click starts the count anew.
 * The guarded pages then send her to the login, which says why and brings her back.
 */
export function IdleLogout() {
  const text = useText(CORE_TEXT);
  const [warning, setWarning] = useState(false);
  const lastActivity = useRef(Date.now());

  useEffect(() => {
    const touch = () => {
      lastActivity.current = Date.now();
      setWarning(false);
    };
    for (const event of ACTIVITY) window.addEventListener(event, touch, { capture: true });
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= IDLE_LOGOUT_MS) {
        window.clearInterval(timer);
        void api.POST('/auth/logout').finally(() => session.end('idle'));
      } else if (idle >= IDLE_WARNING_MS) {
        setWarning(true);
      }
    }, 1000);
    return () => {
      window.clearInterval(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, touch, { capture: true });
    };
  }, []);

  return (
    <Modal
      open={warning}
      title={text.idleTitle}
      okText={text.stay}
      cancelButtonProps={{ style: { display: 'none' } }}
      onOk={() => {
        lastActivity.current = Date.now();
        setWarning(false);
      }}
      closable={false}
    >
      {text.idleBody}
    </Modal>
  );
}
