// Noto Nastaliq Urdu: Urdu is read in Nastaliq; Naskh is a poor substitute for its readers.
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import '@fontsource/noto-nastaliq-urdu/arabic-700.css';
