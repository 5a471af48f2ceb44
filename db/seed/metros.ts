/** US metro areas the demo facilities are spread over (city and state as the ZIP package spells them). */
export const METROS: ReadonlyArray<{ city: string; state: string }> = [
  { city: 'New York', state: 'NY' }, { city: 'Boston', state: 'MA' }, { city: 'Philadelphia', state: 'PA' },
  { city: 'Pittsburgh', state: 'PA' }, { city: 'Baltimore', state: 'MD' }, { city: 'Charlotte', state: 'NC' },
  { city: 'Atlanta', state: 'GA' }, { city: 'Miami', state: 'FL' }, { city: 'Tampa', state: 'FL' },
  { city: 'Nashville', state: 'TN' }, { city: 'Cleveland', state: 'OH' }, { city: 'Columbus', state: 'OH' },
  { city: 'Indianapolis', state: 'IN' }, { city: 'Detroit', state: 'MI' }, { city: 'Chicago', state: 'IL' },
  { city: 'Milwaukee', state: 'WI' }, { city: 'Minneapolis', state: 'MN' }, { city: 'Saint Louis', state: 'MO' },
  { city: 'Kansas City', state: 'MO' }, { city: 'Dallas', state: 'TX' }, { city: 'Houston', state: 'TX' },
  { city: 'San Antonio', state: 'TX' }, { city: 'Denver', state: 'CO' }, { city: 'Salt Lake City', state: 'UT' },
  { city: 'Phoenix', state: 'AZ' }, { city: 'Las Vegas', state: 'NV' }, { city: 'Los Angeles', state: 'CA' },
  { city: 'San Diego', state: 'CA' }, { city: 'Seattle', state: 'WA' }, { city: 'Portland', state: 'OR' },
]

/** Which metros each demo health system has centers in. */
export const HEALTH_SYSTEMS = [
  { code: 'SUMMIT', name: 'Summit Health Partners', metros: ['Denver', 'Salt Lake City', 'Columbus', 'Indianapolis'] },
  { code: 'LAKESHORE', name: 'Lakeshore Orthopedic & Spine Network', metros: ['Chicago', 'Cleveland', 'Detroit', 'Milwaukee'] },
  { code: 'DESERTVALLEY', name: 'Desert Valley Health', metros: ['Phoenix', 'Dallas', 'Houston', 'Atlanta'] },
] as const

/** Demo employers: where their people live, their roster size, and their program. */
export const EMPLOYERS = [
  {
    code: 'ACME',
    name: 'Acme Manufacturing',
    homeZips: ['43215', '46204', '45402', '46802'], // Columbus, Indianapolis, Dayton, Fort Wayne
    rosterSize: 3000,
    employeePrefix: 'A',
    adminEmail: 'hr@acme.example',
    adminName: 'Dana Whitfield',
    program: { name: 'Joint Replacement Center of Excellence', procedures: ['TKA', 'THA'], healthSystems: ['SUMMIT', 'LAKESHORE'] },
  },
  {
    code: 'BLUEWAVE',
    name: 'Bluewave Logistics',
    homeZips: ['75201', '77002', '30303', '31401'], // Dallas, Houston, Atlanta, Savannah
    rosterSize: 2500,
    employeePrefix: 'B',
    adminEmail: 'hr@bluewave.example',
    adminName: 'Marcus Bell',
    program: { name: 'Surgery Centers of Excellence', procedures: ['TKA', 'THA', 'SPINE_FUSION'], healthSystems: ['DESERTVALLEY', 'SUMMIT'] },
  },
  {
    code: 'CEDAR',
    name: 'Cedar Ridge Schools',
    homeZips: ['80202', '80903', '84101', '84601'], // Denver, Colorado Springs, Salt Lake City, Provo
    rosterSize: 1800,
    employeePrefix: 'C',
    adminEmail: 'hr@cedar.example',
    adminName: 'Priya Raman',
    program: { name: 'Joint & Spine Center of Excellence', procedures: ['TKA', 'THA', 'SPINE_FUSION', 'BARIATRIC_SLEEVE'], healthSystems: ['SUMMIT', 'DESERTVALLEY'] },
  },
] as const
