// Vazirmatn: designed for Persian and Pashto, including Pashto's extra letters.
import '@fontsource/vazirmatn/arabic-400.css';
import '@fontsource/vazirmatn/arabic-700.css';
