import {
  alertDark, badgeDark, buttonDark, cardDark, commonDark, drawerDark, emptyDark, formDark, inputDark,
  inputNumberDark, listDark, messageDark, modalDark, resultDark, scrollbarDark, selectDark, statisticDark,
  switchDark, tableDark, tagDark, thingDark,
  type GlobalTheme, type GlobalThemeOverrides,
} from 'naive-ui'

/**
 * Dark by default. Only the dark styles of components the app uses (Naive's full `darkTheme`
 * would pull every component's dark styles into the first download).
 */
export const theme: GlobalTheme = {
  name: 'dark',
  common: commonDark,
  Alert: alertDark,
  Badge: badgeDark,
  Button: buttonDark,
  Card: cardDark,
  Drawer: drawerDark,
  Empty: emptyDark,
  Form: formDark,
  Input: inputDark,
  InputNumber: inputNumberDark,
  List: listDark,
  Message: messageDark,
  Modal: modalDark,
  Result: resultDark,
  Scrollbar: scrollbarDark,
  Select: selectDark,
  Statistic: statisticDark,
  Switch: switchDark,
  Table: tableDark,
  Tag: tagDark,
  Thing: thingDark,
}

/** Every control at least 44 px tall so it is a comfortable touch target. */
export const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#8b7bff',
    primaryColorHover: '#a397ff',
    primaryColorPressed: '#7262f0',
    primaryColorSuppl: '#a397ff',
    heightSmall: '36px',
    heightMedium: '44px',
    heightLarge: '48px',
    fontSizeMedium: '15px',
    borderRadius: '8px',
  },
  Button: { heightMedium: '44px', heightSmall: '44px', paddingSmall: '0 14px' },
  Input: { heightMedium: '44px' },
  Checkbox: { sizeMedium: '22px' },
  Drawer: { closeSize: '44px', closeIconSize: '22px' },
  Card: { closeSize: '44px', closeIconSize: '22px' },
  Switch: { railHeightMedium: '28px', railWidthMedium: '52px', buttonHeightMedium: '24px', buttonWidthMedium: '24px' },
}
