"""A small built-in taxonomy in the same CSV form as the official reference files.

Used by the demo and the tests when the official files are not at hand: all 21 counties,
a municipality in each county plus the big cities, and a spread of occupations. The values
are SCB codes and JobTech concept ids (see README.md for the full files and their sources).
"""

COUNTIES = """code,name,short_name,jobtech_concept_id
01,Stockholms län,Stockholm,CifL_Rzy_Mku
03,Uppsala län,Uppsala,zBon_eET_fFU
04,Södermanlands län,Södermanland,s93u_BEb_sx2
05,Östergötlands län,Östergötland,oLT3_Q9p_3nn
06,Jönköpings län,Jönköping,MtbE_xWT_eMi
07,Kronobergs län,Kronoberg,tF3y_MF9_h5G
08,Kalmar län,Kalmar,9QUH_2bb_6Np
09,Gotlands län,Gotland,K8iD_VQv_2BA
10,Blekinge län,Blekinge,DQZd_uYs_oKb
12,Skåne län,Skåne,CaRE_1nn_cSU
13,Hallands län,Halland,wjee_qH2_yb6
14,Västra Götalands län,Västra Götaland,zdoY_6u5_Krt
17,Värmlands län,Värmland,EVVp_h6U_GSZ
18,Örebro län,Örebro,xTCk_nT5_Zjm
19,Västmanlands län,Västmanland,G6DV_fKE_Viz
20,Dalarnas län,Dalarna,oDpK_oZ2_WYt
21,Gävleborgs län,Gävleborg,zupA_8Nt_xcD
22,Västernorrlands län,Västernorrland,NvUF_SP1_1zo
23,Jämtlands län,Jämtland,65Ms_7r1_RTG
24,Västerbottens län,Västerbotten,g5Tt_CAV_zBd
25,Norrbottens län,Norrbotten,9hXe_F4g_eTG
"""

MUNICIPALITIES = """code,name,county_code,county_name,lat,lon,seat_name,jobtech_concept_id
0114,Upplands Väsby,01,Stockholms län,59.51839,17.91128,Upplands Väsby,XWKY_c49_5nv
0180,Stockholm,01,Stockholms län,59.32938,18.06871,Stockholm,AvNB_uwa_6n6
0184,Solna,01,Stockholms län,59.36004,18.00086,Solna,zHxw_uJZ_NJ8
0380,Uppsala,03,Uppsala län,59.85882,17.63889,Uppsala,otaF_bQY_4ZD
0484,Eskilstuna,04,Södermanlands län,59.36661,16.50770,Eskilstuna,kMxr_NiX_YrU
0580,Linköping,05,Östergötlands län,58.41086,15.62157,Linköping,bm2x_1mr_Qhx
0680,Jönköping,06,Jönköpings län,57.78145,14.15618,Jönköping,KURg_KJF_Lwc
0780,Växjö,07,Kronobergs län,56.87767,14.80906,Växjö,mmot_H3A_auW
0880,Kalmar,08,Kalmar län,56.66157,16.36163,Kalmar,Pnmg_SgP_uHQ
0980,Gotland,09,Gotlands län,57.64089,18.29602,Visby,Ft9P_E8F_VLJ
1080,Karlskrona,10,Blekinge län,56.16156,15.58661,Karlskrona,YSt4_bAa_ccs
1280,Malmö,12,Skåne län,55.60587,13.00073,Malmö,oYPt_yRA_Smm
1281,Lund,12,Skåne län,55.70584,13.19321,Lund,muSY_tsR_vDZ
1283,Helsingborg,12,Skåne län,56.04673,12.69437,Helsingborg,qj3q_oXH_MGR
1380,Halmstad,13,Hallands län,56.67446,12.85676,Halmstad,kUQB_KdK_kAh
1480,Göteborg,14,Västra Götalands län,57.70716,11.96679,Göteborg,PVZL_BQT_XtL
1490,Borås,14,Västra Götalands län,57.72101,12.94010,Borås,TpRZ_bFL_jhL
1780,Karlstad,17,Värmlands län,59.37930,13.50357,Karlstad,hRDj_PoV_sFU
1880,Örebro,18,Örebro län,59.27412,15.20660,Örebro,kuMn_feU_hXx
1980,Västerås,19,Västmanlands län,59.61617,16.55276,Västerås,8deT_FRF_2SP
2080,Falun,20,Dalarnas län,60.60357,15.62597,Falun,N1wJ_Cuu_7Cs
2180,Gävle,21,Gävleborgs län,60.67452,17.14174,Gävle,qk8Y_2b6_82D
2281,Sundsvall,22,Västernorrlands län,62.39129,17.30630,Sundsvall,dJbx_FWY_tK6
2380,Östersund,23,Jämtlands län,63.17920,14.63566,Östersund,Vt7P_856_WZS
2480,Umeå,24,Västerbottens län,63.82842,20.25972,Umeå,QiGt_BLu_amP
2580,Luleå,25,Norrbottens län,65.58415,22.15465,Luleå,CXbY_gui_14v
2584,Kiruna,25,Norrbottens län,67.85572,20.22513,Kiruna,biN6_UiL_Qob
"""

OCCUPATION_GROUPS = """code,level,name_sv,parent_code,jobtech_concept_id
1,1,Chefsyrken,,KwoA_9tp_f7q
2,1,Yrken med krav på fördjupad högskolekompetens,,tFq4_83q_aww
3,1,Yrken med krav på högskolekompetens eller motsvarande,,qjsN_7xY_41K
4,1,Yrken inom administration och kundtjänst,,Ps1i_4PB_pR3
5,1,"Service-, omsorgs- och försäljningsyrken",,u1RN_Fih_rgS
7,1,Yrken inom byggverksamhet och tillverkning,,2xXe_2KC_Nf2
8,1,Yrken inom maskinell tillverkning och transport m.m.,,Vbui_aPd_Xqj
13,2,"Chefer inom IT, logistik, FoU, fastighetsbolag, bygg- och ingenjörsverksamhet samt tillverkning m.m.",1,XaXK_RaZ_rnU
22,2,Yrken med krav på fördjupad högskolekompetens inom hälso- och sjukvård,2,1szr_rbs_fEW
23,2,Yrken med krav på fördjupad högskolekompetens inom utbildning,2,41Vb_8fA_Dpr
25,2,Yrken med krav på fördjupad högskolekompetens inom IT,2,foYE_bJp_uue
26,2,"Yrken med krav på fördjupad högskolekompetens inom juridik, kultur och socialt arbete m.m.",2,x5GZ_V3J_KFn
33,2,Yrken med krav på högskolekompetens eller motsvarande inom ekonomi och förvaltning,3,MkEJ_479_s6J
41,2,Kontorsassistenter och sekreterare,4,pnmQ_WRp_712
42,2,Kundserviceyrken,4,gUHG_m6L_ycV
51,2,Serviceyrken,5,UVxV_4Bz_JeR
52,2,Försäljningsyrken inom detaljhandeln m.m.,5,eEHw_jck_bea
53,2,Omsorgsyrken,5,2U3x_Aub_tg1
71,2,Byggnads- och anläggningsyrken,7,cS2C_4ZH_5ef
74,2,Installations- och serviceyrken inom el och elektronik,7,RHP9_CFu_HP3
83,2,Transport- och maskinföraryrken,8,y2LM_Ach_piC
131,3,IT-chefer,13,7QRd_vPm_bjx
222,3,Sjuksköterskor,22,jzaN_Vqk_TP1
233,3,Gymnasielärare,23,u9zr_FAM_6VE
234,3,"Grundskollärare, fritidspedagoger och förskollärare",23,c3P8_86J_x3i
251,3,"IT-arkitekter, systemutvecklare och testledare m.fl.",25,wLnH_pob_1uk
261,3,Jurister,26,qWdm_MBz_r99
331,3,Banktjänstemän och redovisningsekonomer m.fl.,33,R4Nb_wSH_V8k
332,3,"Försäkringsrådgivare, företagssäljare och inköpare m.fl.",33,RCoy_Uu8_bbi
411,3,Kontorsassistenter och sekreterare,41,f3qv_7cZ_KGX
422,3,"Resesäljare, kundtjänstpersonal och receptionister m.fl.",42,HdKY_uFF_pHG
512,3,Kockar och kallskänkor,51,sN7W_rxm_nwA
522,3,Butikspersonal,52,Cdjh_Bi8_AdC
531,3,Barnskötare och elevassistenter m.fl.,53,DvKy_gyT_dAv
532,3,Undersköterskor,53,3EJj_WLs_kgD
711,3,"Snickare, murare och anläggningsarbetare",71,8DjW_SUU_gC7
741,3,Installations- och industrielektriker m.fl.,74,Z6M4_DPp_tnt
833,3,Lastbils- och bussförare,83,2zd4_YNR_xoM
1310,4,IT-chefer,131,eWiB_mGP_MjE
2221,4,Grundutbildade sjuksköterskor,222,Z8ci_bBE_tmx
2330,4,Gymnasielärare,233,4KhP_FxL_uZ5
2341,4,Grundskollärare,234,oQUQ_D11_HPx
2511,4,Systemanalytiker och IT-arkitekter m.fl.,251,UXKZ_3zZ_ipB
2512,4,Mjukvaru- och systemutvecklare m.fl.,251,DJh5_yyF_hEM
2514,4,Systemtestare och testledare,251,D9SL_mtn_vGM
2611,4,Advokater,261,q8wL_kdi_WaW
3313,4,Redovisningsekonomer,331,q81z_3oD_1qu
3322,4,Företagssäljare,332,oXSW_fbY_XrY
4112,4,Löne- och personaladministratörer,411,L7eh_ihX_vM5
4222,4,Kundtjänstpersonal,422,pwRH_MT1_8nR
5120,4,Kockar och kallskänkor,512,BStc_SJh_DKG
5223,4,"Butikssäljare, fackhandel",522,YKL2_FCB_1yr
5311,4,Barnskötare,531,Hi9c_iTe_gHH
5321,4,"Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering",532,jY19_knH_MJp
7111,4,"Träarbetare, snickare m.fl.",711,9mJN_VwW_Xjg
7411,4,Installations- och serviceelektriker,741,yyF7_jsW_EeP
8332,4,Lastbilsförare m.fl.,833,3MBw_pDA_P2F
"""

OCCUPATIONS = """jobtech_concept_id,name_sv,ssyk_code,ssyk_concept_id
CZkP_hCz_KM8,Applikationsutvecklare,2512,DJh5_yyF_hEM
7wdX_4rv_33z,Backend-utvecklare,2512,DJh5_yyF_hEM
TT8h_qKk_1iu,"Affärskonsult, IT",2511,UXKZ_3zZ_ipB
h643_FdG_96d,Configuration Manager/CM,2511,UXKZ_3zZ_ipB
CTqd_fc6_MG5,Hårdvarutestare,2514,D9SL_mtn_vGM
843H_Mp1_EVL,Mjukvarutestare,2514,D9SL_mtn_vGM
bXNH_MNX_dUR,"Sjuksköterska, grundutbildad",2221,Z8ci_bBE_tmx
7Ngz_tJ4_hZ3,Sjuksköterskestuderande,2221,Z8ci_bBE_tmx
S9LC_4m4_yza,"Grundlärare, 4-6",2341,oQUQ_D11_HPx
PecC_mHt_1Cj,"Grundlärare, förskoleklass och 1-3",2341,oQUQ_D11_HPx
kJEw_Qzp_bkK,Folkhögskolelärare,2330,4KhP_FxL_uZ5
P9Et_5en_uwo,Modersmålslärare i gymnasieskolan,2330,4KhP_FxL_uZ5
8N18_sGB_X4M,Redovisningsekonom,3313,q81z_3oD_1qu
CeoS_Wzo_uz5,Redovisningskonsult,3313,q81z_3oD_1qu
ofiS_5F2_YmV,HR-assistent,4112,L7eh_ihX_vM5
ojEj_nt6_PCa,Löneadministratör/Lönekonsult,4112,L7eh_ihX_vM5
w8eg_Ufq_B5X,Besöksbokare/Kundbokare,4222,pwRH_MT1_8nR
rDKi_QTj_qxa,Garantihandläggare,4222,pwRH_MT1_8nR
Jd8e_1UD_8Vo,Bilförsäljare,5223,YKL2_FCB_1yr
ek9W_CmD_y2M,"Butikssäljare, fackhandel",5223,YKL2_FCB_1yr
wvmE_VKa_dzo,Hemsjukvårdare,5321,jY19_knH_MJp
bSEB_VKd_Ub3,"Undersköterska, hemtjänst, äldreboende och habilitering",5321,jY19_knH_MJp
JECy_3w6_gah,Kallskänka,5120,BStc_SJh_DKG
iLgH_g2C_2KH,"Kallskänka, fartyg",5120,BStc_SJh_DKG
rM7G_ge7_XhP,Barnskötare,5311,Hi9c_iTe_gHH
ujBX_nic_wuH,Dagbarnvårdare,5311,Hi9c_iTe_gHH
NLEL_3vn_mTB,Gruvbyggare,7111,9mJN_VwW_Xjg
nQLQ_6Ln_rjy,"Lärling, träarbetare",7111,9mJN_VwW_Xjg
84Uc_bhA_s47,Installationselektriker,7411,yyF7_jsW_EeP
cUfj_4io_mFf,"Ledande montör, el",7411,yyF7_jsW_EeP
DjPb_jLn_55T,Bohags- och flyttbilsförare,8332,3MBw_pDA_P2F
JiE6_FnP_qXP,Bokbussförare,8332,3MBw_pDA_P2F
tQFo_jhD_UXT,Advokat,2611,q8wL_kdi_WaW
LF9w_UCf_gow,Chief Data Officer/CDO,1310,eWiB_mGP_MjE
rxZf_XT6_5xt,Chief Digital Officer/CDO,1310,eWiB_mGP_MjE
8jrL_5RZ_9Kt,Account manager/AM,3322,oXSW_fbY_XrY
38iE_Jad_mu6,Customer success manager/CSM,3322,oXSW_fbY_XrY
"""
