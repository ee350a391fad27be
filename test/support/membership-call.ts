// A city's application form as the public page sends it: every field within its bounds.
export const form = (over: Record<string, unknown> = {}) => ({
  cityName: 'Kisumu',
  country: 'KE',
  contact: { name: 'Achieng Otieno', email: 'learning@kisumu.example.org' },
  cityData: {
    population: 610_000,
    areaKm2: 417,
    gdpPerCapitaCity: { currency: 'USD', minor: 210_000 },
    gdpPerCapitaCountry: { currency: 'USD', minor: 199_000 },
    schoolingYears: { female: 6.2, male: 7.1 },
  },
  motivation: 'Learning for all ages along the lake.',
  implementation: 'Community learning centres in every ward.',
  challenges: { inclusion: 4, literacy: 3, employment: 5, health: 4, environment: 3, digital: 2 },
  language: 'en',
  mayor: { name: 'Mayor of Kisumu', confirmed: true },
  ...over,
});
