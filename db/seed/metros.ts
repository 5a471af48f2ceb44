/**
 * The demo health systems (made up, and named "(demo)" wherever they appear). Each owns real CMS
 * acute-care hospitals near these places: `hospitals` of them within DEMO_HOSPITAL_RADIUS_MILES of the ZIP,
 * chosen by the seed (db/seed/index.ts, pickDemoHospitals) in CCN order, those with a CMS star
 * rating and hip/knee facts first. The places are where the demo employers' members live (ACME:
 * Columbus, Dayton, Indianapolis) and, farther away, where members travel to (more than 50 miles:
 * travel is covered).
 */
export const HEALTH_SYSTEMS = [
  {
    code: 'SUMMIT',
    name: 'Summit Health Partners (demo)',
    metros: [
      { city: 'Columbus', state: 'OH', zip: '43215', hospitals: 3 },
      { city: 'Dayton', state: 'OH', zip: '45402', hospitals: 2 },
      { city: 'Indianapolis', state: 'IN', zip: '46204', hospitals: 3 },
      { city: 'Denver', state: 'CO', zip: '80202', hospitals: 3 },
      { city: 'Salt Lake City', state: 'UT', zip: '84101', hospitals: 2 },
    ],
  },
  {
    code: 'LAKESHORE',
    name: 'Lakeshore Orthopedic & Spine Network (demo)',
    metros: [
      { city: 'Cleveland', state: 'OH', zip: '44113', hospitals: 3 },
      { city: 'Chicago', state: 'IL', zip: '60601', hospitals: 2 },
      { city: 'Detroit', state: 'MI', zip: '48226', hospitals: 2 },
      { city: 'Milwaukee', state: 'WI', zip: '53202', hospitals: 2 },
    ],
  },
  {
    code: 'DESERTVALLEY',
    name: 'Desert Valley Health (demo)',
    metros: [
      { city: 'Phoenix', state: 'AZ', zip: '85004', hospitals: 3 },
      { city: 'Dallas', state: 'TX', zip: '75201', hospitals: 3 },
      { city: 'Houston', state: 'TX', zip: '77002', hospitals: 3 },
      { city: 'Atlanta', state: 'GA', zip: '30303', hospitals: 2 },
    ],
  },
] as const

/** How far from a health system's place its demo hospitals may be. */
export const DEMO_HOSPITAL_RADIUS_MILES = 15

/**
 * Demo employers (made up): where their people live, their roster size, their program, and how many
 * of their cases the seed leaves in each state of DESIGN §3 after a year (db/seed/index.ts, seedCases).
 */
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
    cases: { requested: 4, eligibility_verified: 3, scheduled: 3, travel_booked: 2, procedure_done: 3, completed: 28, cancelled: 3, denied: 2 },
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
    cases: { requested: 3, eligibility_verified: 2, scheduled: 2, travel_booked: 2, procedure_done: 2, completed: 20, cancelled: 3, denied: 2 },
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
    cases: { requested: 2, eligibility_verified: 2, scheduled: 2, travel_booked: 1, procedure_done: 2, completed: 17, cancelled: 2, denied: 2 },
  },
] as const

/**
 * The demo coalition (issue 23, ADR 0020; made up): Acme and Bluewave from the plan year's start, and a
 * small employer that could not contract alone, Lakeside Credit Union, whose 300 people live around
 * two of the Great Lakes places of LAKESHORE's centers (Cleveland, Detroit). Lakeside has health plans
 * and a roster but no program of its own yet: it is where the coalition's network would be adopted.
 */
export const SMALL_EMPLOYER = {
  code: 'LAKE',
  name: 'Lakeside Credit Union (demo)',
  homeZips: ['44113', '48226'], // Cleveland, Detroit
  rosterSize: 300,
  employeePrefix: 'L',
  adminEmail: 'hr@lakeside.example',
  adminName: 'Grace Kowalski',
} as const

export const COALITION = {
  code: 'GLEC',
  name: 'Great Lakes Employers Coalition (demo)',
  adminEmail: 'admin@glec.example',
  adminName: 'Theo Brandt',
  members: [
    { code: 'ACME', invitedOn: '2025-12-01', joinedOn: '2026-01-01' },
    { code: 'BLUEWAVE', invitedOn: '2025-12-01', joinedOn: '2026-01-01' },
    { code: 'LAKE', invitedOn: '2026-05-20', joinedOn: '2026-06-01' },
  ],
} as const
